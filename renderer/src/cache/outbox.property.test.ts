import { aCommand, officers } from '@watchfloor/shared/testing';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openLocalCache, type LocalCache } from './cache';

type Step =
  | { readonly kind: 'enqueue' }
  | { readonly kind: 'ack'; readonly pick: number }
  | { readonly kind: 'refuse'; readonly pick: number }
  | { readonly kind: 'reopen' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Step>({ kind: 'enqueue' }) },
  { weight: 2, arbitrary: fc.nat(20).map<Step>((pick) => ({ kind: 'ack', pick })) },
  { weight: 2, arbitrary: fc.nat(20).map<Step>((pick) => ({ kind: 'refuse', pick })) },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'reopen' }) },
);

describe('outbox (property)', () => {
  it('given any interleaving of enqueue, ack, refuse and reopen, then exactly the unanswered commands remain, in order', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 25 }), async (steps) => {
        const options = { indexedDB: new IDBFactory(), IDBKeyRange, name: 'outbox-property' };
        const identity = { officerId: officers.duty.id, hubId: 'hub-a' };
        let cache: LocalCache = (await openLocalCache(identity, options)).cache;
        const expected: string[] = [];
        try {
          for (const next of steps) {
            if (next.kind === 'enqueue') {
              const command = aCommand({ type: 'acknowledge', alertId: `hit-${expected.length}` });
              expect(await cache.enqueue(command)).toMatchObject({ ok: true });
              expected.push(command.mutationId);
            } else if (next.kind === 'reopen') {
              cache.close();
              cache = (await openLocalCache(identity, options)).cache;
            } else if (expected.length > 0) {
              const [mutationId] = expected.splice(next.pick % expected.length, 1) as [string];
              const answered = next.kind === 'ack' ? await cache.acknowledge(mutationId) : await cache.refuse(mutationId);
              expect(answered?.mutationId).toBe(mutationId);
            }
          }
          expect((await cache.pending()).map((entry) => entry.mutationId)).toEqual(expected);
        } finally {
          cache.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});
