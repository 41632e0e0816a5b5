import { HistoryResponse, type OpsEvent } from '@watchfloor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../hub/src/index';
import { connectClient, hitBody, ingestMany, signIn, startTestHub, type TestClient } from '../support/hub';

/**
 * `history` for replay and gap fill: fromSeq is inclusive, `limit` counts log positions, `next` continues a
 * paged read until it is absent, time windows and operation filters narrow it, and a country-scoped officer
 * only ever gets what concerns that country.
 */
const T0 = Date.UTC(2026, 10, 22, 6, 0, 0);
const MINUTE = 60_000;
const OTHER_OPERATION = 'op-sirocco';
const DAY = 24 * 60 * MINUTE;
/** No automatic escalation during these tests: the log holds only what the tests put there. */
const NEVER = { critical: DAY, high: DAY, medium: DAY, low: DAY };

let hub: RunningHub;
let clock = T0;
let lead: TestClient;
let abuja: TestClient;
/** Hit ids by where they were screened, in the order raised. */
const hits = { nigeria: [] as string[], benin: [] as string[], other: [] as string[] };

beforeAll(async () => {
  hub = await startTestHub({ demo: true, rate: 0, hooks: { now: () => clock, escalationPolicy: { unacknowledged: NEVER, stale: NEVER } } });
  const admin = await signIn(hub, 'admin');
  const put = await fetch(`${hub.url}/api/v1/operations/${OTHER_OPERATION}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${admin.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      codename: 'SIROCCO',
      status: 'active',
      phase: 'Screening',
      countries: ['BJ', 'NG'],
      window: { start: T0 },
      counters: { checks: 0, hits: 0, arrests: 0, victimsRescued: 0, documentsSeized: 0 },
    }),
  });
  expect(put.status).toBe(200);
  // One hit a minute, so time windows have exact edges.
  for (let minute = 1; minute <= 30; minute += 1) {
    clock = T0 + minute * MINUTE;
    const where = minute % 3 === 0 ? 'other' : minute % 2 === 0 ? 'benin' : 'nigeria';
    const overrides =
      where === 'other'
        ? { operationId: OTHER_OPERATION, checkpointId: 'ng-abv' }
        : where === 'benin'
          ? { checkpointId: 'bj-coo', recordOwner: 'BJ' }
          : { checkpointId: 'ng-los', recordOwner: 'FR' };
    hits[where].push(...(await ingestMany(hub, 1, overrides)));
  }
  lead = await connectClient(hub, (await signIn(hub, 'lead')).token);
  abuja = await connectClient(hub, (await signIn(hub, 'abuja')).token);
  clock = T0 + 31 * MINUTE;
  await lead.send({ type: 'note', alertId: hits.benin[0]!, text: 'Benin desk informed', mutationId: 'mut-history-note-1' });
});

afterAll(async () => {
  lead?.close();
  abuja?.close();
  await hub?.stop();
});

async function history(client: TestClient, request: Record<string, unknown>): Promise<HistoryResponse> {
  return HistoryResponse.parse(await client.request('history', request));
}

/** Follows `next` until the hub says there is no more; keeps the filters of the first request. */
async function readAll(client: TestClient, request: Record<string, unknown>): Promise<{ events: OpsEvent[]; pages: number }> {
  const events: OpsEvent[] = [];
  let page = await history(client, request);
  let pages = 1;
  events.push(...page.events);
  while (page.next !== undefined) {
    const { fromTime: _dropped, ...rest } = request;
    page = await history(client, { ...rest, fromSeq: page.next });
    pages += 1;
    events.push(...page.events);
  }
  return { events, pages };
}

const allSeqs = async () => (await hub.db.query<{ seq: number }>('select seq from events order by seq')).map((row) => Number(row.seq));

describe('history', () => {
  it('given fromSeq and a limit, then the page starts at fromSeq inclusive and next points just past it', async () => {
    const seqs = await allSeqs();
    const from = seqs[10]!;
    const page = await history(lead, { fromSeq: from, limit: 7 });
    expect(page.events.map((event) => event.seq)).toEqual(seqs.slice(10, 17));
    expect(page.next).toBe(seqs[16]! + 1);
  });

  it('given paging by next from the start, then the pages add up to the whole log once, and the last page has no next', async () => {
    const { events, pages } = await readAll(lead, { fromSeq: 0, limit: 50 });
    expect(events.map((event) => event.seq)).toEqual(await allSeqs());
    expect(pages).toBeGreaterThan(2);
  });

  it('given a time window, then only events recorded within it (both ends included) come back, across pages', async () => {
    const fromTime = T0 + 10 * MINUTE;
    const toTime = T0 + 20 * MINUTE;
    const { events } = await readAll(lead, { fromTime, toTime, limit: 4 });
    const inWindow = await hub.db.query<{ seq: number }>('select seq from events where at >= $1 and at <= $2 order by seq', [fromTime, toTime]);
    expect(events.map((event) => event.seq)).toEqual(inWindow.map((row) => Number(row.seq)));
    const hitTimes = events.flatMap((event) => (event.type === 'hit.raised' ? [event.at] : []));
    expect(hitTimes).toEqual(Array.from({ length: 11 }, (_, index) => fromTime + index * MINUTE));
  });

  it('given an operation id, then hits of other operations and their handling are left out', async () => {
    const { events } = await readAll(lead, { fromSeq: 1, operationId: OTHER_OPERATION, limit: 100 });
    const hitIds = events.flatMap((event) => (event.type === 'hit.raised' ? [event.hit.id] : []));
    expect(hitIds).toEqual(hits.other);
    expect(events.some((event) => event.type === 'operation.updated' && event.operation.id === OTHER_OPERATION)).toBe(true);
    expect(events.some((event) => event.type === 'operation.updated' && event.operation.id !== OTHER_OPERATION)).toBe(false);
    expect(events.some((event) => event.type === 'alert.noted')).toBe(false);
  });

  it('given a Nigeria-scoped officer, then history holds only what concerns Nigeria, and paging still walks the whole log', async () => {
    const { events, pages } = await readAll(abuja, { fromSeq: 1, limit: 40 });
    const hitIds = new Set(events.flatMap((event) => (event.type === 'hit.raised' ? [event.hit.id] : [])));
    expect([...hits.nigeria, ...hits.other].every((id) => hitIds.has(id))).toBe(true);
    expect(hits.benin.some((id) => hitIds.has(id))).toBe(false);
    expect(events.some((event) => event.type === 'alert.noted')).toBe(false);
    for (const event of events) {
      if (event.type === 'checkpoint.updated') expect(event.checkpoint.country).toBe('NG');
    }
    // A page is full when it reads `limit` log positions, so an exact multiple ends with one empty page.
    expect(pages).toBe(Math.floor((await allSeqs()).length / 40) + 1);
  });

  it('given a page holding nothing the scoped officer may see, then it comes back empty with a next to continue', async () => {
    const beninSeqs = (await hub.db.query<{ seq: number }>("select seq from events where alert_id = $1", [hits.benin[1]])).map((row) => Number(row.seq));
    const page = await history(abuja, { fromSeq: beninSeqs[0], limit: 1 });
    expect(page).toEqual({ events: [], next: beninSeqs[0]! + 1 });
  });

  it('given bad history requests, then each is answered invalid and nothing else', async () => {
    for (const request of [{}, { limit: 0 }, { limit: 5001 }, { fromSeq: 1, fromTime: T0, limit: 5 }, { fromSeq: -1, limit: 5 }, 'all']) {
      expect(await lead.request('history', request)).toEqual({
        error: 'invalid',
        reason: 'request-unreadable',
        params: { detail: expect.any(String) },
        message: expect.any(String),
      });
    }
  });
});

describe('history with hits raised over HTTP', () => {
  it('given a hit posted to the ingest API, then history returns it without the personal subject', async () => {
    clock = T0 + 40 * MINUTE;
    const response = await fetch(`${hub.url}/api/v1/hits`, {
      method: 'POST',
      headers: { Authorization: 'Bearer test-ingest-key', 'Content-Type': 'application/json' },
      body: JSON.stringify(hitBody({ at: clock, subject: { name: 'HISTORY SUBJECT' } })),
    });
    const { hitId, seq } = (await response.json()) as { hitId: string; seq: number };
    const page = await history(lead, { fromSeq: seq, limit: 1 });
    expect(page.events).toEqual([expect.objectContaining({ seq, type: 'hit.raised', hit: expect.objectContaining({ id: hitId }) })]);
    expect(JSON.stringify(page)).not.toContain('HISTORY SUBJECT');
  });
});
