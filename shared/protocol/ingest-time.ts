import type { ValidationIssue } from '../validation';
import { formatUtc } from '../time/format';

/**
 * When a screening may have happened, as the hub judges an ingested hit's `at`: not in the future beyond the
 * drift of a checkpoint system's clock, and not long before its operation could have started. Outside these
 * bounds the time is a feeder's error (a unit mix-up, a default date), and a console would place the hit
 * where no officer would look for it. Nor may it be older than the hub's idempotency window
 * (`forgetsBefore`): the hub may have received that hit and forgotten its external id, and would raise it twice.
 */
export const INGEST_CLOCK_SKEW_MS = 5 * 60_000;
export const INGEST_BEFORE_OPERATION_MS = 7 * 86_400_000;

/** The problem with a screening time, or undefined when the hub may accept it. */
export function ingestTimeIssue(at: number, now: number, operationStart: number, forgetsBefore: number): ValidationIssue | undefined {
  if (at > now + INGEST_CLOCK_SKEW_MS) {
    return { path: 'at', message: `${formatUtc(at)} is in the future (the hub's clock reads ${formatUtc(now)}; 5 minutes of clock drift are allowed)` };
  }
  const earliest = operationStart - INGEST_BEFORE_OPERATION_MS;
  if (at < earliest) {
    return { path: 'at', message: `${formatUtc(at)} is more than 7 days before the operation started (${formatUtc(operationStart)})` };
  }
  if (at < forgetsBefore) {
    return {
      path: 'at',
      message: `${formatUtc(at)} is older than the hub's idempotency window (it remembers hits received since ${formatUtc(forgetsBefore)}): a copy sent now could not be told from a new hit`,
    };
  }
  return undefined;
}
