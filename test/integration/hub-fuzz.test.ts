import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, CommandAck, DetailsRequest, DetailsResponse, HistoryRequest, HistoryResponse, IngestHitBody } from '@watchfloor/shared';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../hub/src/index';
import { connectClient, hitBody, ingestMany, postHit, signIn, startTestHub, tempDir, type TestClient } from '../support/hub';

/**
 * Thousands of random and malformed inputs at every door of the hub: the ingest API and the socket's
 * `command`, `history` and `details`. The hub never crashes or answers 5xx, answers each bad input with a
 * clear error, and the log does not move for any of them. The oracle is the shared schema itself: an input
 * it refuses (or that holds text the database cannot store) must be refused by the hub as invalid.
 *
 * The hub runs without the demo simulator (operations and checkpoints come from a seed file), so nothing
 * but these inputs can move its cursor.
 */
const OPERATION = 'op-fuzz';
const CHECKPOINT = 'cp-fuzz-los';
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

let hub: RunningHub;
let removeFiles: () => Promise<void>;
let lead: TestClient;
let abuja: TestClient;
let alertIds: string[];
const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();

beforeAll(async () => {
  const files = await tempDir('watchfloor-fuzz-');
  removeFiles = files.remove;
  const usersFile = path.join(files.dir, 'users.json');
  const seedFile = path.join(files.dir, 'seed.json');
  await writeFile(
    usersFile,
    JSON.stringify([
      { id: 'off-lead', username: 'lead', name: 'Fuzz Lead', role: 'shift-lead', password: 'lead-password' },
      { id: 'off-abuja', username: 'abuja', name: 'Fuzz Abuja', role: 'duty-officer', scope: 'NG', password: 'abuja-password' },
    ]),
  );
  await writeFile(
    seedFile,
    JSON.stringify({
      operations: [
        {
          id: OPERATION,
          codename: 'FUZZ',
          status: 'active',
          phase: 'Screening',
          countries: ['NG', 'BJ'],
          window: { start: Date.UTC(2026, 10, 1) },
          counters: { checks: 0, hits: 0, arrests: 0, victimsRescued: 0, documentsSeized: 0 },
        },
      ],
      checkpoints: [{ id: CHECKPOINT, name: 'Lagos airport (fuzz)', kind: 'airport', country: 'NG', lon: 3.3212, lat: 6.5774, status: 'online' }],
    }),
  );
  hub = await startTestHub({ usersFile, seedFile });
  alertIds = await ingestMany(hub, 3, { operationId: OPERATION, checkpointId: CHECKPOINT });
  lead = await connectClient(hub, (await signIn(hub, 'lead', 'lead-password')).token);
  abuja = await connectClient(hub, (await signIn(hub, 'abuja', 'abuja-password')).token);
});

afterAll(async () => {
  lead?.close();
  abuja?.close();
  await hub?.stop();
  await removeFiles?.();
});

// ---- arbitraries ----------------------------------------------------------------------------------------

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'] as const;

/** Strings that tend to break things: control characters, NUL, lone surrogates, quotes, very long ones. */
const nastyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\ud800', '\udfff', '\ud83d\ude00', 'a', '"', '\\', '\u2028', ' ', '\n'), maxLength: 12 }),
  fc.constantFrom('', ' ', 'NaN', 'null', '__proto__', '2026-13-45T99:99:99Z', 'x'.repeat(3000)),
);

const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: nastyString },
  { weight: 1, arbitrary: fc.constantFrom(-1, 0, 1.5, 1e308, -0, 2 ** 53, true, false, null) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...PROTO_KEYS), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }) },
);

/** A valid value with one field replaced by junk, removed, or joined by a prototype-pollution key. */
function mutated(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = [...Object.keys(valid), ...PROTO_KEYS];
  return fc.tuple(fc.constantFrom(...keys), junk, fc.boolean()).map(([key, value, remove]) => {
    const copy: Record<string, unknown> = { ...valid };
    if (remove) delete copy[key];
    else Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
    return copy;
  });
}

/** What the hub receives: socket.io and our HTTP feeder both send JSON. */
const overTheWire = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value) ?? 'null'));

function storable(value: unknown): boolean {
  if (typeof value === 'string') return !UNSTORABLE.test(value);
  if (typeof value !== 'object' || value === null) return true;
  return Object.entries(value).every(([key, item]) => storable(key) && storable(item));
}

const RUNS = { ingest: 1000, command: 1000, history: 300, details: 300 };

describe('fuzzing the ingest API', () => {
  it('given thousands of random, mutated and non-JSON bodies, then every answer is 2xx for valid bodies and 400/413 with issues otherwise, and invalid ones never move the log', async () => {
    const rawText = fc.oneof(
      fc.string(),
      fc.constantFrom('{', '[1,2', '{"a":1}}', 'undefined', '\u0000', '{"__proto__": {"polluted": "yes"}}', '{"constructor": {"prototype": {"polluted": "yes"}}}'),
    );
    const bodies = fc.oneof(
      { weight: 5, arbitrary: mutated(hitBody({ operationId: OPERATION, checkpointId: CHECKPOINT })).map((body) => JSON.stringify(body)) },
      { weight: 2, arbitrary: junk.map((body) => JSON.stringify(body) ?? 'null') },
      { weight: 1, arbitrary: rawText },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          // Pollution attempts inside the subject record and at the top level, as raw JSON text.
          JSON.stringify(hitBody({ operationId: OPERATION, checkpointId: CHECKPOINT })).replace('"subject":{', '"subject":{"__proto__":{"polluted":"yes"},'),
          JSON.stringify(hitBody({ operationId: OPERATION, checkpointId: CHECKPOINT })).replace('{', '{"__proto__":{"polluted":"yes"},'),
          JSON.stringify(hitBody({ summary: 'z'.repeat(70_000) })),
        ),
      },
    );
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(bodies, async (text) => {
        const head = hub.authority.cursor();
        const { status, body } = await postHit(hub, text);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        let parsed: unknown;
        let isJson = true;
        try {
          parsed = JSON.parse(text);
        } catch {
          isJson = false;
        }
        const schema = isJson ? IngestHitBody.safeParse(parsed) : undefined;
        // Unknown keys are stripped by the schema, so only what it keeps must be storable.
        const valid = schema?.success === true && storable(schema.data);
        if (Buffer.byteLength(text) > 64 * 1024) expect(status).toBe(413);
        else if (valid) {
          // A well-formed body may still name an operation or checkpoint the hub does not know.
          expect([200, 201, 400]).toContain(status);
          if (status === 400) expect(body.issues.map((issue: { path: string }) => issue.path)).toEqual(expect.arrayContaining([expect.stringMatching(/^(checkpointId|operationId)$/)]));
        }
        else {
          expect(status).toBe(400);
          expect(body).toMatchObject({ error: 'invalid', issues: expect.arrayContaining([{ path: expect.any(String), message: expect.any(String) }]) });
        }
        if (status >= 400) expect(hub.authority.cursor()).toBe(head);
      }),
      { numRuns: RUNS.ingest },
    );
    expect(statuses.get(400)).toBeGreaterThan(RUNS.ingest / 2);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(await fetch(`${hub.url}/api/v1/health`).then((response) => response.status)).toBe(200);
  }, 60_000);
});

describe('fuzzing the /ops socket', () => {
  const mutationId = fc.string({ unit: fc.constantFrom('a', 'b', 'Z', '0', '9', '-', '_'), minLength: 8, maxLength: 20 }).map((id) => `fz${id}`);
  const validCommand = fc.tuple(mutationId, fc.integer({ min: 0, max: 2 }), fc.constantFrom('note', 'escalate', 'acknowledge', 'assign')).map(
    ([id, alert, type]) => ({ type, mutationId: id, alertId: alertIds[alert]!, text: 'Checked with the desk', level: 1, reason: 'Needs a lead', officerId: 'off-abuja' }),
  );
  const commandPayload = fc.oneof(
    { weight: 4, arbitrary: validCommand.chain((command) => mutated(command)) },
    { weight: 2, arbitrary: junk },
    { weight: 1, arbitrary: fc.constantFrom(undefined, [], [1, 2], { type: 'acknowledge' }) },
  );

  it('given thousands of random and mutated commands, then invalid ones get {ok:false, code:invalid} and never move the log', async () => {
    await fc.assert(
      fc.asyncProperty(commandPayload, fc.boolean(), async (payload, asAbuja) => {
        const client = asAbuja ? abuja : lead;
        const head = hub.authority.cursor();
        const ack = CommandAck.parse(await client.request('command', payload));
        const received = overTheWire(payload);
        const parsed = Command.safeParse(received);
        if (!parsed.success || !storable(parsed.data)) {
          expect(ack).toEqual({ ok: false, code: 'invalid', message: expect.stringMatching(/^Invalid command: /) });
        }
        if (!ack.ok) expect(hub.authority.cursor()).toBe(head);
      }),
      { numRuns: RUNS.command },
    );
  }, 60_000);

  it('given random history requests, then invalid ones get {error:invalid} and valid ones a page of events', async () => {
    const request = fc.oneof(
      mutated({ fromSeq: 1, limit: 20, operationId: OPERATION }),
      mutated({ fromTime: Date.UTC(2026, 10, 1), toTime: Date.now() + 1000, limit: 20 }),
      junk,
    );
    await fc.assert(
      fc.asyncProperty(request, async (payload) => {
        const head = hub.authority.cursor();
        const answer: unknown = await lead.request('history', payload);
        if (HistoryRequest.safeParse(overTheWire(payload)).success) expect(HistoryResponse.safeParse(answer).success).toBe(true);
        else expect(answer).toEqual({ error: 'invalid', message: expect.any(String) });
        expect(hub.authority.cursor()).toBe(head);
      }),
      { numRuns: RUNS.history },
    );
  }, 60_000);

  it('given random details requests, then invalid ones get {ok:false, code:invalid} and only granted ones are audited', async () => {
    const request = fc.oneof(mutated({ hitId: alertIds[0]!, reason: 'Identity check at the desk' }), junk);
    await fc.assert(
      fc.asyncProperty(request, fc.boolean(), async (payload, asAbuja) => {
        const head = hub.authority.cursor();
        const answer = DetailsResponse.parse(await (asAbuja ? abuja : lead).request('details', payload));
        const parsed = DetailsRequest.safeParse(overTheWire(payload));
        if (!parsed.success || !storable(parsed.data)) expect(answer).toMatchObject({ ok: false, code: 'invalid' });
        // A granted reveal appends exactly its audit event; anything else appends nothing.
        expect(hub.authority.cursor()).toBe(answer.ok ? head + 1 : head);
      }),
      { numRuns: RUNS.details },
    );
  }, 60_000);

  it('given binary and oversized socket payloads, then the hub refuses them or drops that client, and keeps serving others', async () => {
    const head = hub.authority.cursor();
    expect(await lead.request('command', new Uint8Array([1, 2, 3]))).toMatchObject({ ok: false, code: 'invalid' });
    expect(await lead.request('details', { hitId: alertIds[0], reason: new Uint8Array(8) })).toMatchObject({ ok: false, code: 'invalid' });

    const victim = await connectClient(hub, (await signIn(hub, 'lead', 'lead-password')).token);
    const dropped = new Promise<string>((resolve) => victim.socket.once('disconnect', (reason) => resolve(reason)));
    victim.socket.emit('command', { type: 'note', alertId: alertIds[0], mutationId: 'fz-oversized-1', text: 'x'.repeat(300 * 1024) });
    expect(await dropped).toBe('transport close');
    expect(hub.authority.cursor()).toBe(head);
    expect(await lead.request('history', { fromSeq: head, limit: 1 })).toMatchObject({ events: [expect.objectContaining({ seq: head })] });
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
  });
});
