import { describe, expect, it } from 'vitest';
import { conflict } from '../access/decision';
import { parseWith } from '../validation';
import { hitRaised } from '../testing/builders';
import { Command, CommandAck } from './commands';
import { EVENT_TYPES, EventBatch, OpsEvent } from './events';
import { DetailsRequest, Hello, HistoryRequest, IngestHitBody, Reset } from './messages';

const ingest = {
  externalId: 'LOS-2026-000123',
  operationId: 'op-1',
  checkpointId: 'cp-los',
  at: '2026-11-22T09:15:00+01:00',
  source: 'sltd',
  score: 0.93,
  summary: 'Stolen passport presented at arrivals',
  recordOwner: 'FR',
  subject: { name: 'REDACTED IN TESTS', documentNumber: 'X1234567' },
};

describe('wire protocol v1 schemas', () => {
  it('given an ingest body with an ISO time, then it parses to epoch milliseconds in UTC', () => {
    const parsed = parseWith(IngestHitBody, ingest);
    expect(parsed).toMatchObject({ ok: true, value: { at: Date.UTC(2026, 10, 22, 8, 15) } });
  });

  it('given an ingest body with bad fields, then every problem is listed by path', () => {
    const parsed = parseWith(IngestHitBody, { ...ingest, score: 3, recordOwner: 'France', at: 'yesterday' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map((issue) => issue.path).sort()).toEqual(['at', 'recordOwner', 'score']);
  });

  it('given each event type, then the union knows exactly the design event types', () => {
    expect([...EVENT_TYPES].sort()).toEqual(
      [
        'alert.acknowledged',
        'alert.assigned',
        'alert.escalated',
        'alert.noted',
        'alert.resolved',
        'audit.details-viewed',
        'checkpoint.updated',
        'hit.raised',
        'operation.updated',
      ].sort(),
    );
  });

  it('given a hit event carrying personal fields, then the extra fields are stripped, never passed on', () => {
    const event = hitRaised(1);
    const parsed = OpsEvent.parse({ ...event, hit: { ...event.hit, name: 'John Doe', dateOfBirth: '1980-01-01' } });
    expect(parsed.type === 'hit.raised' && Object.keys(parsed.hit)).not.toContain('name');
  });

  it('given malformed events in a batch, then the batch is refused as a whole', () => {
    expect(EventBatch.safeParse([hitRaised(1), { seq: 2, type: 'alert.teleported' }]).success).toBe(false);
    expect(EventBatch.safeParse([hitRaised(1)]).success).toBe(true);
  });

  it('given commands, then blank texts, bad levels and short mutation ids are invalid', () => {
    const base = { mutationId: 'mut-00000001', alertId: 'hit-1' };
    expect(Command.safeParse({ ...base, type: 'note', text: '   ' }).success).toBe(false);
    expect(Command.safeParse({ ...base, type: 'escalate', level: 4, reason: 'x' }).success).toBe(false);
    expect(Command.safeParse({ ...base, mutationId: 'short', type: 'acknowledge' }).success).toBe(false);
    expect(Command.safeParse({ ...base, type: 'escalate', level: 2, reason: ' Owner check ' })).toMatchObject({
      success: true,
      data: { reason: 'Owner check' },
    });
  });

  it('given acks, hello, reset, history and details requests, then valid ones parse and broken ones do not', () => {
    expect(CommandAck.safeParse({ ok: true, seq: 5, duplicate: true }).success).toBe(true);
    expect(CommandAck.safeParse({ ok: false, code: 'teapot', message: 'x' }).success).toBe(false);
    expect(CommandAck.safeParse(conflict('held-by-other', { name: 'Bola' })).success).toBe(true);
    expect(
      Hello.safeParse({ protocol: 1, hubId: 'hub-a', headSeq: 0, officer: { id: 'o', name: 'O', role: 'observer' } }).success,
    ).toBe(true);
    expect(Hello.safeParse({ protocol: 2, hubId: 'hub-a', headSeq: 0, officer: {} }).success).toBe(false);
    expect(Reset.safeParse({ reason: 'since is older than retention', headSeq: 10 }).success).toBe(true);
    expect(HistoryRequest.safeParse({ fromSeq: 1, fromTime: 5, limit: 10 }).success).toBe(false);
    expect(HistoryRequest.safeParse({ fromSeq: 1, limit: 10_000 }).success).toBe(false);
    expect(DetailsRequest.safeParse({ hitId: 'hit-1', reason: 'why' }).success).toBe(false);
    expect(DetailsRequest.safeParse({ hitId: 'hit-1', reason: 'Identity check with the record owner' }).success).toBe(false);
    expect(DetailsRequest.parse({ hitId: 'hit-1', purpose: 'identity-confirmation', reason: '  Identity check with the record owner ' })).toEqual({
      hitId: 'hit-1',
      purpose: 'identity-confirmation',
      reason: 'Identity check with the record owner',
    });
  });

  it('given automatic escalations logged before and after reason codes, then both rows parse and keep their reason', () => {
    const row = { seq: 3, at: 1, type: 'alert.escalated', alertId: 'hit-1', level: 1, by: { id: 'system', name: 'Hub (automatic)' }, auto: true };
    const old = { ...row, reason: 'Not acknowledged within 2 minutes (critical)' };
    const coded = { ...row, reason: 'not-acknowledged', reasonParams: { minutes: 2, severity: 'critical' } };
    expect(parseWith(OpsEvent, old)).toEqual({ ok: true, value: old });
    expect(parseWith(OpsEvent, coded)).toEqual({ ok: true, value: coded });
  });
});
