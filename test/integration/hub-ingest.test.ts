import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../hub/src/index';
import { connectClient, hitBody, postHit, signIn, startTestHub, type TestClient } from '../support/hub';

/**
 * `POST /api/v1/hits` as a checkpoint system sees it: idempotent by externalId, clear 400s listing every
 * problem, 401 without the key, 413 for oversized bodies, and personal subject data kept out of the event
 * log but available through audited `details`.
 */
let hub: RunningHub;
let lead: TestClient;

beforeAll(async () => {
  hub = await startTestHub({ demo: true, rate: 0 });
  lead = await connectClient(hub, (await signIn(hub, 'lead')).token);
});

afterAll(async () => {
  lead?.close();
  await hub?.stop();
});

const countRows = async (sql: string, params: unknown[]) => Number((await hub.db.query<{ n: number }>(sql, params))[0]!.n);

/** Posts raw bytes without a Content-Length (chunked), as a streaming feeder would. */
function postChunked(chunks: readonly string[], key = 'test-ingest-key'): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const url = new URL('/api/v1/hits', hub.url);
    const request = httpRequest(url, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' } });
    request.on('response', (response) => {
      const parts: Buffer[] = [];
      response.on('data', (part: Buffer) => parts.push(part));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(parts).toString('utf8')) }));
    });
    // The hub may answer 413 and close before every chunk is written.
    request.on('error', reject);
    for (const chunk of chunks) request.write(chunk);
    request.end();
  });
}

describe('ingest idempotency', () => {
  it('given a new externalId, then 201 with a hit id; given it again, then 200 with the same hit id and seq', async () => {
    const body = hitBody({ externalId: 'LOS-2026-000001' });
    const first = await postHit(hub, body);
    const again = await postHit(hub, { ...body, summary: 'A retry may differ; the first one counts' });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ hitId: expect.stringMatching(/^hit-/), seq: expect.any(Number) });
    expect(again).toEqual({ status: 200, body: first.body });
    expect(await countRows("select count(*)::int as n from events where type = 'hit.raised' and alert_id = $1", [first.body.hitId])).toBe(1);
  });

  it('given two concurrent posts of one externalId, then one hit is raised and both answers name it', async () => {
    const body = hitBody({ externalId: 'LOS-2026-000002' });
    const answers = await Promise.all([postHit(hub, body), postHit(hub, body)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 201]);
    expect(answers[0]!.body).toEqual(answers[1]!.body);
    expect(await countRows('select count(*)::int as n from hit_ingest where external_id = $1', ['LOS-2026-000002'])).toBe(1);
  });
});

describe('ingest refusals', () => {
  it('given a body with several bad fields, then 400 lists each problem by path and the log does not move', async () => {
    const head = hub.authority.cursor();
    const response = await postHit(hub, hitBody({ score: 3, recordOwner: 'France', at: 'yesterday', source: 'gossip', summary: '' }));
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid');
    expect(response.body.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['at', 'recordOwner', 'score', 'source', 'summary']);
    expect(hub.authority.cursor()).toBe(head);
  });

  it('given an unknown checkpoint and operation, then 400 names both and nothing is stored', async () => {
    const head = hub.authority.cursor();
    const response = await postHit(hub, hitBody({ externalId: 'LOS-unknown-1', checkpointId: 'xx-nowhere', operationId: 'op-nothing' }));
    expect(response).toEqual({
      status: 400,
      body: {
        error: 'invalid',
        issues: [
          { path: 'checkpointId', message: "unknown checkpoint 'xx-nowhere'" },
          { path: 'operationId', message: "unknown operation 'op-nothing'" },
        ],
      },
    });
    expect(hub.authority.cursor()).toBe(head);
    expect(await countRows('select count(*)::int as n from hit_ingest where external_id = $1', ['LOS-unknown-1'])).toBe(0);
  });

  it('given a body that is not JSON, then 400 says so', async () => {
    expect(await postHit(hub, '{"externalId": ')).toEqual({
      status: 400,
      body: { error: 'invalid', issues: [{ path: '', message: 'The body is not valid JSON.' }] },
    });
  });

  it('given no key, a wrong key or another scheme, then 401 and the log does not move', async () => {
    const head = hub.authority.cursor();
    const noKey = await fetch(`${hub.url}/api/v1/hits`, { method: 'POST', body: JSON.stringify(hitBody()) });
    expect(noKey.status).toBe(401);
    expect(await noKey.json()).toMatchObject({ error: 'unauthorized' });
    for (const key of ['wrong-ingest-key', 'test-ingest-keyX', 'test']) expect((await postHit(hub, hitBody(), key)).status).toBe(401);
    const basic = await fetch(`${hub.url}/api/v1/hits`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from('feeder:test-ingest-key').toString('base64')}` },
      body: JSON.stringify(hitBody()),
    });
    expect(basic.status).toBe(401);
    expect(hub.authority.cursor()).toBe(head);
  });

  it('given a body over 64 KiB, with or without a declared length, then 413 and nothing is stored', async () => {
    const head = hub.authority.cursor();
    const huge = hitBody({ externalId: 'LOS-huge-1', subject: { note: 'x'.repeat(400) }, summary: 'y'.repeat(70 * 1024) });
    expect(await postHit(hub, huge)).toEqual({ status: 413, body: { error: 'too-large', message: 'Body over 65536 bytes.' } });
    const text = JSON.stringify(huge);
    const streamed = await postChunked([text.slice(0, 30_000), text.slice(30_000)]);
    expect(streamed.status).toBe(413);
    expect(hub.authority.cursor()).toBe(head);
    // The hub still serves the same feeder afterwards.
    expect((await postHit(hub, hitBody())).status).toBe(201);
  });

  it('given text the database cannot store (NUL, a lone surrogate), then 400 names the field and other hits in the same moment are stored', async () => {
    const head = hub.authority.cursor();
    const bad = [
      hitBody({ summary: 'Passport \u0000 presented' }),
      hitBody({ externalId: 'LOS-\u0000-1' }),
      hitBody({ subject: { name: 'Broken \ud800 name' } }),
    ];
    const good = Array.from({ length: 5 }, () => hitBody());
    // Interleaved, so bad and good bodies tend to share one ingest batch (one transaction).
    const bodies = [good[0], bad[0], good[1], bad[1], good[2], bad[2], good[3], good[4]];
    const answers = await Promise.all(bodies.map((body) => postHit(hub, body)));
    expect([1, 3, 5].map((index) => [answers[index]!.status, answers[index]!.body.issues?.[0]?.path])).toEqual([
      [400, 'summary'],
      [400, 'externalId'],
      [400, 'subject.name'],
    ]);
    expect([0, 2, 4, 6, 7].map((index) => answers[index]!.status)).toEqual([201, 201, 201, 201, 201]);
    expect(hub.authority.cursor()).toBe(head + 5);
  });
});

describe('personal data', () => {
  it('given a hit with subject details, then no event carries them and details returns them to a lead with a reason', async () => {
    const subject = { name: 'MARKER-SURNAME Marker-Given', dateOfBirth: '1979-03-04', documentNumber: 'MARKERDOC991' };
    const { status, body } = await postHit(hub, hitBody({ subject }));
    expect(status).toBe(201);
    await lead.waitFor(() => lead.events.some((event) => event.type === 'hit.raised' && event.hit.id === body.hitId), 'hit on the lead client');

    const logged = await hub.db.query<{ body: string }>('select body::text as body from events');
    for (const value of Object.values(subject)) {
      expect(logged.some((row) => row.body.includes(value))).toBe(false);
      expect(JSON.stringify(lead.events)).not.toContain(value);
    }
    expect(await lead.request('details', { hitId: body.hitId, purpose: 'identity-confirmation', reason: 'Identity check with the airport desk' })).toEqual({
      ok: true,
      hitId: body.hitId,
      subject,
      earlierReveals: [],
      earlierRevealsTotal: 0,
    });
    await lead.waitFor(() => lead.events.some((event) => event.type === 'audit.details-viewed' && event.hitId === body.hitId), 'audit event');
  });
});
