import fc from 'fast-check';
import { ROLES, type Officer } from '../domain/model';
import type { OpsEvent } from '../protocol/events';
import { T0, aCheckpoint, aHit, anOperation } from './builders';

/**
 * fast-check arbitraries for property tests in every layer: officers of any role and scope, and event logs
 * of a few countries' hits, their handling, audit records, operations and checkpoints.
 */
const COUNTRIES = ['NG', 'BJ', 'FR'] as const;
const country = fc.constantFrom(...COUNTRIES);

export const anyOfficer: fc.Arbitrary<Officer> = fc
  .record({ role: fc.constantFrom(...ROLES), scope: fc.option(country, { nil: undefined }) })
  .map(({ role, scope }) => ({ id: `off-${role}-${scope ?? 'all'}`, name: `Officer ${role}`, role, ...(scope ? { scope } : {}) }));

type Step =
  | { readonly kind: 'hit'; readonly country: string; readonly recordOwner: string }
  | { readonly kind: 'acknowledged' | 'noted' | 'audit'; readonly pick: number; readonly known: boolean }
  | { readonly kind: 'operation'; readonly countries: readonly string[] }
  | { readonly kind: 'checkpoint'; readonly country: string };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('hit' as const), country, recordOwner: country }) },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constantFrom('acknowledged' as const, 'noted' as const, 'audit' as const), pick: fc.nat(), known: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('operation' as const), countries: fc.uniqueArray(country, { minLength: 1 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('checkpoint' as const), country }) },
);

/** A log in seq order. Alert and audit events name a hit raised earlier, or (now and then) one never raised. */
export const anyOpsLog: fc.Arbitrary<readonly OpsEvent[]> = fc.array(step, { maxLength: 40 }).map((steps) => {
  const hits: string[] = [];
  return steps.map((next, index): OpsEvent => {
    const seq = index + 1;
    const at = T0 + seq * 1000;
    const by = { id: 'off-someone', name: 'Some One' };
    switch (next.kind) {
      case 'hit': {
        const id = `hit-${seq}`;
        hits.push(id);
        return { seq, at, type: 'hit.raised', hit: aHit({ id, country: next.country, recordOwner: next.recordOwner }) };
      }
      case 'operation':
        return { seq, at, type: 'operation.updated', operation: anOperation({ countries: [...next.countries] }) };
      case 'checkpoint':
        return { seq, at, type: 'checkpoint.updated', checkpoint: aCheckpoint({ id: `cp-${seq}`, country: next.country }) };
      default: {
        const alertId = next.known && hits.length > 0 ? hits[next.pick % hits.length]! : `hit-unknown-${seq}`;
        if (next.kind === 'audit') return { seq, at, type: 'audit.details-viewed', hitId: alertId, reason: 'Identity check', by };
        if (next.kind === 'noted') return { seq, at, type: 'alert.noted', alertId, text: 'Called the desk', by };
        return { seq, at, type: 'alert.acknowledged', alertId, by };
      }
    }
  });
});
