import { describe, expect, it } from 'vitest';
import { INGEST_CLOCK_SKEW_MS } from '../protocol/ingest-time';
import { parseWith } from '../validation';
import { DAY_MS, RETENTION_DEFAULTS, RetentionPolicy, ingestForgetsBefore, retentionCutoffs } from './policy';

const NOW = Date.UTC(2026, 11, 7, 12);

function problems(input: unknown): readonly { path: string; message: string }[] {
  const parsed = parseWith(RetentionPolicy, input);
  return parsed.ok ? [] : parsed.issues;
}

describe('retention policy settings', () => {
  it('given no settings, then every data type has its documented default', () => {
    expect(RetentionPolicy.parse({})).toEqual(RETENTION_DEFAULTS);
    expect(RETENTION_DEFAULTS).toEqual({ eventDays: 30, subjectDays: 90, subjectGraceDays: 30, idempotencyDays: 7, refusalDays: 365 });
  });

  it('given some settings, then those are taken and the rest default', () => {
    expect(RetentionPolicy.parse({ subjectDays: 14, refusalDays: 730 })).toEqual({ ...RETENTION_DEFAULTS, subjectDays: 14, refusalDays: 730 });
  });

  it.each([
    ['subjectDays', 0, /at least 1 day/],
    ['eventDays', -3, /at least 1 day/],
    ['idempotencyDays', 1.5, /whole number of days/],
    ['refusalDays', 4000, /at most 3650 days/],
    ['subjectGraceDays', '30', /whole number of days/],
  ])('given %s = %j, then the error names that setting and what is expected', (setting, value, message) => {
    const found = problems({ [setting]: value });
    expect(found).toHaveLength(1);
    expect(found[0]!.path).toBe(setting);
    expect(found[0]!.message).toMatch(message);
  });

  it('given a setting the policy does not know, then it is refused by name rather than ignored', () => {
    const found = problems({ eventsDays: 10 });
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/eventsDays/);
  });
});

describe('retention cutoffs', () => {
  it('given a policy, then each data type goes once older than its own setting', () => {
    const policy = RetentionPolicy.parse({ eventDays: 10, subjectDays: 20, subjectGraceDays: 2, idempotencyDays: 3, refusalDays: 40 });
    expect(retentionCutoffs(policy, NOW)).toEqual({
      events: NOW - 10 * DAY_MS,
      subjectsReceived: NOW - 20 * DAY_MS,
      subjectsResolved: NOW - 2 * DAY_MS,
      idempotency: NOW - 3 * DAY_MS - INGEST_CLOCK_SKEW_MS,
      refusals: NOW - 40 * DAY_MS,
    });
  });

  it('given the idempotency window, then ingest records outlive the window by the allowed clock drift, so a copy of a forgotten hit is always refused', () => {
    const policy = RetentionPolicy.parse({ idempotencyDays: 7 });
    const received = NOW - 7 * DAY_MS - INGEST_CLOCK_SKEW_MS - 1;
    // The latest screening time a hit received then could carry is the drift past its receipt.
    expect(received + INGEST_CLOCK_SKEW_MS).toBeLessThan(ingestForgetsBefore(policy, NOW));
    expect(received).toBeLessThan(retentionCutoffs(policy, NOW).idempotency);
  });
});
