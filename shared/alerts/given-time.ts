import type { EpochMs } from '../domain/model';
import { refuse } from '../access/decision';
import type { Refusal } from '../protocol/commands';
import type { Alert } from './lifecycle';

/**
 * The time an officer gave a command, as the hub keeps it. Consoles and the hub keep their own clocks, so a
 * time a little ahead of the hub's, or a little before the alert was raised, is a clock's drift and is
 * brought within [raised, now]; further out it is a wrong clock or a forged time, and the command is refused
 * as invalid rather than logged with a time nobody can trust.
 */

/** How far a console's clock may run from the hub's before a given time is refused. */
export const GIVEN_AT_MAX_SKEW_MS = 60_000;

type SettledGivenAt = { readonly ok: true; readonly givenAt: EpochMs | undefined } | (Refusal & { readonly code: 'invalid' });

export function settleGivenAt(givenAt: EpochMs | undefined, alert: Pick<Alert, 'raisedAt'>, now: EpochMs): SettledGivenAt {
  if (givenAt === undefined) return { ok: true, givenAt: undefined };
  if (givenAt > now + GIVEN_AT_MAX_SKEW_MS) {
    return refuse('invalid', 'given-after-hub-clock', { givenAt });
  }
  if (givenAt < alert.raisedAt - GIVEN_AT_MAX_SKEW_MS) {
    return refuse('invalid', 'given-before-raised', { givenAt });
  }
  return { ok: true, givenAt: Math.min(now, Math.max(alert.raisedAt, givenAt)) };
}
