import {
  Command,
  CommandAck,
  DetailsRequest,
  DetailsResponse,
  Handshake,
  HistoryRequest,
  HistoryResponse,
  IngestHitBody,
  IPC_CHANNELS,
  IPC_CONTRACT,
  OPS_NAMESPACE,
  PresenceList,
  PresenceUpdate,
  type IpcChannel,
  type OpsEvent,
} from '@watchfloor/shared';
import fc from 'fast-check';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL, isAppUrl } from '../../electron/main/app-protocol';
import { registerBridgeHandlers, type BridgeHandlers, type IpcInvokeEventLike } from '../../electron/main/ipc';
import { openLocalCache } from '../../renderer/src/cache';
import type { Session } from '../../renderer/src/data/session';
import { workstation } from '../support/console';
import { connectClient, hitBody, ingestMany, postHit, waitUntil } from '../support/hub';
import { commandPayload, detailsPayload, handshakeAuth, historyPayload, ingestText, ipcCall, overTheWire, presencePayload, type HubFixture, type IpcCall } from './arbitraries';
import { applyDamage, damages, rawCache, readableOutbox } from './cache-damage';
import { closingLine, digest, mayRefuse, namesOneOf, newTally, pictureDifferences, sameDigest, storable, type HubDigest } from './oracle';
import { fuzzRun } from './scale';
import { CHECKPOINT, CHECKPOINT_ABROAD, OPERATION, SOCKET_BUDGET, startFuzzHub, USERS, WINDOW_START, type FuzzHub, type Username } from './world';

/**
 * The fuzz suite: random and malformed input at every door of the system, against a real hub and the
 * console's real code. `npm test` runs the short scale with a fixed seed, `npm run test:fuzz` the full
 * scale with a fresh one; replay a run with the FUZZ_SEED and FUZZ_SCALE it prints first. Every input must
 * get a clear refusal or a valid answer, never a 5xx or a crash, and a refused input must change nothing.
 * At the end the hub restarts on the same database, fresh consoles catch up and a new hit reaches them.
 * The last line printed counts inputs, crashes and state changes from bad input.
 */
const run = fuzzRun();
const tally = newTally();
const USERNAMES = USERS.map((user) => user.username);
const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
const unhandled: string[] = [];
const onUnhandled = (error: unknown) =>
  void unhandled.push((error instanceof Error ? `${error.name}: ${error.message}` : String(error)).replace(/\s+/g, ' ').slice(0, 500));

let world: FuzzHub;
let fixture: HubFixture;
const hub = () => world.current();

beforeAll(async () => {
  console.log(`fuzz: seed ${run.seed}, scale ${run.scale.name} (replay with ${run.replay})`);
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);
  // The consoles say what they ride out (damaged caches, refused rows); the suite counts outcomes instead.
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  world = await startFuzzHub();
  const home = await ingestMany(hub(), 2, { operationId: OPERATION, checkpointId: CHECKPOINT });
  const abroad = await ingestMany(hub(), 2, { operationId: OPERATION, checkpointId: CHECKPOINT_ABROAD });
  fixture = {
    operationId: OPERATION,
    checkpointId: CHECKPOINT,
    windowStart: WINDOW_START,
    alertIds: [...home, ...abroad],
    abroadAlertIds: new Set(abroad),
    officerIds: USERS.map((user) => user.id),
  };
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUnhandled);
  vi.restoreAllMocks();
  tally.crashes += (world?.errors.length ?? 0) + unhandled.length;
  for (const error of world?.errors ?? []) console.log(`fuzz: HUB ERROR ${error}`);
  for (const error of unhandled) console.log(`fuzz: UNHANDLED ${error}`);
  for (const problem of tally.problems.slice(0, 20)) console.log(`fuzz: PROBLEM ${problem}`);
  console.log(closingLine(run.seed, tally));
  await world?.dispose();
});

/** Runs a property with the run's seed; a failure says how to replay it. */
async function fuzz(door: Parameters<typeof run.params>[0], property: fc.IAsyncPropertyWithHooks<any>): Promise<void> {
  try {
    await fc.assert(property, run.params(door));
  } catch (error) {
    if (error instanceof Error) error.message = `${error.message}\n(fuzz seed ${run.seed}; replay with ${run.replay})`;
    throw error;
  }
}

/** The input was refused: nothing of the hub's may have moved. */
async function unchangedSince(before: HubDigest, input: unknown): Promise<void> {
  const after = await digest(hub());
  if (!sameDigest(before, after)) {
    tally.stateChanges += 1;
    tally.problems.push(`refused input changed the hub (${JSON.stringify(before)} -> ${JSON.stringify(after)}): ${shown(input)}`);
  }
  expect(after).toEqual(before);
}

function shown(input: unknown): string {
  return (typeof input === 'string' ? input : JSON.stringify(input) ?? String(input)).slice(0, 300);
}

function noServerError(status: number, input: unknown): void {
  if (status >= 500) {
    tally.crashes += 1;
    tally.problems.push(`${status} for ${shown(input)}`);
  }
  expect(status).toBeLessThan(500);
}

const timeout = run.scale.timeoutMs;

/** The alert an event is about, if any. */
function alertOf(event: OpsEvent): string | undefined {
  if (event.type === 'hit.raised') return event.hit.id;
  if (event.type === 'audit.details-viewed') return event.hitId;
  return 'alertId' in event ? event.alertId : undefined;
}

describe(`fuzzing the hub (${run.scale.name})`, () => {
  it('given random, mutated, oversized and non-JSON ingest bodies, then each gets 2xx or a 4xx with issues, refused ones change nothing, and every accepted hit reads back as a valid event', async () => {
    const statuses = new Map<number, number>();
    await fuzz(
      'ingest',
      fc.asyncProperty(ingestText(fixture), async (text) => {
        tally.inputs += 1;
        const before = await digest(hub());
        const response = await fetch(`${hub().url}/api/v1/hits`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: 'Bearer test-ingest-key' },
          body: text,
        });
        const answer = await response.json().catch(() => undefined);
        const { status } = response;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        noServerError(status, text);
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
        const schema = parsed === undefined ? undefined : IngestHitBody.safeParse(parsed);
        // The schema strips unknown keys, so only what it keeps must be storable.
        const wellFormed = schema?.success === true && storable(schema.data);
        if (Buffer.byteLength(text) > 64 * 1024) expect(status).toBe(413);
        else if (wellFormed) {
          const state = hub().authority.state();
          const refusable = mayRefuse(schema.data, state.operations, new Set(state.checkpoints.keys()), Date.now());
          if (refusable.size === 0) expect([200, 201], `a valid body was refused: ${JSON.stringify(answer)}`).toContain(status);
          else expect([200, 201, 400]).toContain(status);
          if (status === 400) {
            const paths = (answer?.issues ?? []).map((issue: { path: string }) => issue.path);
            expect(paths.length).toBeGreaterThan(0);
            for (const path of paths) expect(namesOneOf(path, refusable), `refused on ${path}, may only be on ${[...refusable]}`).toBe(true);
          }
        } else {
          expect(status).toBe(400);
          expect(answer).toMatchObject({ error: 'invalid', issues: expect.arrayContaining([{ path: expect.any(String), message: expect.any(String) }]) });
        }
        if (status >= 400) await unchangedSince(before, text);
        if (status === 201) {
          // What the hub took must read back, through the protocol, as a valid event.
          const page = HistoryResponse.safeParse(await world.ask('lead', 'history', { fromSeq: answer.seq, limit: 1 }, SOCKET_BUDGET.history));
          expect(page.success, `hit ${answer.hitId} at seq ${answer.seq} does not read back as a valid event`).toBe(true);
          expect(page.data?.events[0]).toMatchObject({ seq: answer.seq, type: 'hit.raised', hit: { id: answer.hitId } });
        }
      }),
    );
    console.log(`fuzz: ingest statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(statuses.get(400)).toBeGreaterThan(run.scale.runs.ingest / 3);
    expect(statuses.get(201)).toBeGreaterThan(0);
  }, timeout);

  it.each([
    ['a time before 1970', { at: '1900-01-01T00:00:00Z' }, 'at'],
    ['a time just before 1970', { at: '1969-12-31T23:59:59Z' }, 'at'],
    ['a time after 2100', { at: '9999-12-31T23:59:59Z' }, 'at'],
    ['epoch ms beyond the Date range', { at: 9_000_000_000_000_000 }, 'at'],
    ['a summary of two lines', { summary: 'Passport reported stolen\npresented at arrivals' }, 'summary'],
    ['a summary with a bidi override', { summary: 'Passport \u202ereported stolen' }, 'summary'],
  ])('given a hit with %s, then it is refused on that field and nothing is logged', async (_what, change, field) => {
    tally.inputs += 1;
    const before = await digest(hub());
    const body = { ...hitBody({ operationId: OPERATION, checkpointId: CHECKPOINT, externalId: `fuzz-known-${field}-${JSON.stringify(change).length}` }), ...change };
    const { status, body: answer } = await postHit(hub(), body);
    noServerError(status, body);
    expect(status).toBe(400);
    expect(answer.issues.map((issue: { path: string }) => issue.path.replace(/^hit\./, ''))).toContain(field);
    await unchangedSince(before, body);
  });

  it('given random and mutated commands from every role, then invalid ones get code invalid, observers never act, and refused ones change nothing', async () => {
    await fuzz(
      'command',
      fc.asyncProperty(commandPayload(fixture), fc.constantFrom(...USERNAMES), async (payload, who) => {
        tally.inputs += 1;
        const before = await digest(hub());
        const ack = CommandAck.parse(await world.ask(who, 'command', payload, SOCKET_BUDGET.command));
        const parsed = Command.safeParse(overTheWire(payload));
        if (!parsed.success || !storable(parsed.data)) {
          expect(ack).toEqual({ ok: false, code: 'invalid', reason: 'command-unreadable', params: { detail: expect.any(String) }, message: expect.stringMatching(/^Invalid command: /) });
        }
        if (who === 'observer') expect(ack.ok).toBe(false);
        if (who === 'abuja' && parsed.success && fixture.abroadAlertIds.has(parsed.data.alertId)) expect(ack.ok).toBe(false);
        if (!ack.ok || ack.duplicate === true) await unchangedSince(before, payload);
        else expect(hub().authority.cursor()).toBe(before.cursor + 1);
      }),
    );
  }, timeout);

  it('given random history requests from every role, then invalid ones get error invalid, valid ones a page of valid events, and nothing changes', async () => {
    await fuzz(
      'history',
      fc.asyncProperty(historyPayload(fixture), fc.constantFrom(...USERNAMES), async (payload, who) => {
        tally.inputs += 1;
        const before = await digest(hub());
        const answer = await world.ask(who, 'history', payload, SOCKET_BUDGET.history);
        if (HistoryRequest.safeParse(overTheWire(payload)).success) {
          const page = HistoryResponse.safeParse(answer);
          expect(page.success, `history answered ${shown(answer)}`).toBe(true);
          if (who === 'abuja') expect(page.data!.events.filter((event) => fixture.abroadAlertIds.has(alertOf(event) ?? ''))).toEqual([]);
        } else expect(answer).toEqual({ error: 'invalid', reason: 'request-unreadable', params: { detail: expect.any(String) }, message: expect.any(String) });
        await unchangedSince(before, payload);
      }),
    );
  }, timeout);

  it('given random details requests from every role, then invalid ones get code invalid, observers see nothing, and only a granted one is audited', async () => {
    await fuzz(
      'details',
      fc.asyncProperty(detailsPayload(fixture), fc.constantFrom(...USERNAMES), async (payload, who) => {
        tally.inputs += 1;
        const before = await digest(hub());
        const answer = DetailsResponse.parse(await world.ask(who, 'details', payload, SOCKET_BUDGET.details));
        const parsed = DetailsRequest.safeParse(overTheWire(payload));
        if (!parsed.success || !storable(parsed.data)) expect(answer).toMatchObject({ ok: false, code: 'invalid' });
        if (who === 'observer') expect(answer.ok).toBe(false);
        if (who === 'abuja' && parsed.success && fixture.abroadAlertIds.has(parsed.data.hitId)) expect(answer.ok).toBe(false);
        // A granted reveal appends exactly its audit event.
        if (answer.ok) expect(hub().authority.cursor()).toBe(before.cursor + 1);
        else await unchangedSince(before, payload);
      }),
    );
  }, timeout);

  it('given random presence updates from every role, then junk is ignored (no list goes out) and a valid one publishes a valid list', async () => {
    const lists: unknown[] = [];
    const watcher = await world.watcher();
    watcher.socket.on('presence', (list: unknown) => lists.push(list));
    await watcher.request('history', { fromSeq: 1, limit: 1 });
    await fuzz(
      'presence',
      fc.asyncProperty(presencePayload(fixture), fc.constantFrom(...USERNAMES), async (payload, who) => {
        tally.inputs += 1;
        const churn = world.churn();
        const published = lists.length;
        const client = await world.client(who, SOCKET_BUDGET.presence);
        // A socket opened or closed publishes a list of its own: let those arrive before listening.
        const opened = world.churn() - churn;
        if (opened > 0) await waitUntil(() => lists.length >= published + opened, 'the presence lists of a fresh socket');
        const before = await digest(hub());
        const heard = lists.length;
        client.socket.emit('presence', payload);
        // Each socket's messages are handled in order: once both answer, the update and its publication are through.
        await client.request('history', { fromSeq: 1, limit: 1 });
        await watcher.request('history', { fromSeq: 1, limit: 1 });
        if (PresenceUpdate.safeParse((overTheWire([payload]) as unknown[])[0]).success) {
          expect(lists.length).toBe(heard + 1);
          expect(PresenceList.safeParse(lists.at(-1)).success, `presence list ${shown(lists.at(-1))}`).toBe(true);
        } else expect(lists.length).toBe(heard);
        await unchangedSince(before, payload);
      }),
    );
  }, timeout);

  it('given random and forged handshake auth, then only a real token in a valid handshake connects, the rest get unauthorized, and a connected officer is not affected', async () => {
    const { token } = await world.signIn('duty');
    const bystander = await world.client('lead');
    await fuzz(
      'handshake',
      fc.asyncProperty(handshakeAuth(token), async (auth) => {
        tally.inputs += 1;
        const before = await digest(hub());
        const socket = io(`${hub().url}${OPS_NAMESPACE}`, { transports: ['websocket'], auth, reconnection: false, forceNew: true, timeout: 5_000 });
        const outcome = await new Promise<string>((resolve) => {
          socket.once('connect', () => resolve('connected'));
          socket.once('connect_error', (error) => resolve(error.message));
        });
        socket.close();
        const sent = overTheWire(auth);
        const parsed = Handshake.safeParse(sent);
        expect(outcome).toBe(parsed.success && parsed.data.token === token ? 'connected' : 'unauthorized');
        expect(bystander.socket.connected).toBe(true);
        expect(HistoryResponse.safeParse(await bystander.request('history', { fromSeq: 1, limit: 1 })).success).toBe(true);
        await unchangedSince(before, auth);
      }),
    );
  }, timeout);
  it('given binary and oversized socket payloads, then the hub refuses them or drops that client, and keeps serving others', async () => {
    const before = await digest(hub());
    const bystander = await world.client('lead');
    tally.inputs += 3;
    expect(await bystander.request('command', new Uint8Array([1, 2, 3]))).toMatchObject({ ok: false, code: 'invalid' });
    expect(await bystander.request('details', { hitId: fixture.alertIds[0], reason: new Uint8Array(8) })).toMatchObject({ ok: false, code: 'invalid' });

    const victim = await connectClient(hub(), (await world.signIn('lead')).token);
    const dropped = new Promise<string>((resolve) => victim.socket.once('disconnect', (reason) => resolve(reason)));
    victim.socket.emit('command', { type: 'note', alertId: fixture.alertIds[0], mutationId: 'fuzz-oversized-1', text: 'x'.repeat(300 * 1024) });
    expect(await dropped).toBe('transport close');
    await unchangedSince(before, 'binary and oversized payloads');
    expect(HistoryResponse.safeParse(await bystander.request('history', { fromSeq: 1, limit: 1 })).success).toBe(true);
  }, timeout);
});

describe(`fuzzing the desktop bridge (${run.scale.name})`, () => {
  it('given random IPC calls from app and foreign frames, then a foreign frame or an invalid payload is refused with a clear error and no handler runs', async () => {
    const calls: string[] = [];
    const warnings: string[] = [];
    const listeners = new Map<string, (event: IpcInvokeEventLike, ...args: unknown[]) => unknown>();
    const answer = <T>(channel: IpcChannel, value: T) => () => (calls.push(channel), value);
    const handlers: BridgeHandlers = {
      [IPC_CHANNELS.appInfo]: answer(IPC_CHANNELS.appInfo, { version: '1.2.3', platform: 'linux' as const, desktop: true }),
      [IPC_CHANNELS.openExternal]: answer(IPC_CHANNELS.openExternal, true),
      [IPC_CHANNELS.hubConfig]: answer(IPC_CHANNELS.hubConfig, { url: 'http://127.0.0.1:4100', demo: true }),
      [IPC_CHANNELS.reportAlerts]: answer(IPC_CHANNELS.reportAlerts, undefined),
      [IPC_CHANNELS.setDoNotDisturb]: answer(IPC_CHANNELS.setDoNotDisturb, { active: true, until: 1_000 }),
      [IPC_CHANNELS.doNotDisturb]: answer(IPC_CHANNELS.doNotDisturb, { active: false }),
      [IPC_CHANNELS.openWallMap]: answer(IPC_CHANNELS.openWallMap, { onSecondaryDisplay: true }),
      [IPC_CHANNELS.tokenSave]: answer(IPC_CHANNELS.tokenSave, { persisted: false }),
      [IPC_CHANNELS.tokenLoad]: answer(IPC_CHANNELS.tokenLoad, undefined),
      [IPC_CHANNELS.tokenClear]: answer(IPC_CHANNELS.tokenClear, undefined),
    };
    registerBridgeHandlers({ handle: (channel, listener) => void listeners.set(channel, listener) }, handlers, isAppUrl, { warn: (message) => void warnings.push(message) });
    await fuzz(
      'ipc',
      fc.asyncProperty(ipcCall(APP_ENTRY_URL), async (call: IpcCall) => {
        tally.inputs += 1;
        calls.length = 0;
        warnings.length = 0;
        const listener = listeners.get(call.channel)!;
        const outcome = await Promise.resolve()
          .then(() => listener({ senderFrame: call.frame }, ...call.args))
          .then(() => undefined, (error: unknown) => (error instanceof Error ? error.message : `not an Error: ${String(error)}`));
        const frame = call.frame;
        const trusted = frame !== null && frame.parent === null && isAppUrl(frame.url);
        const valid = call.args.length <= 1 && IPC_CONTRACT[call.channel as IpcChannel].request.safeParse(call.args[0]).success;
        if (!trusted) expect(outcome).toBe(`${call.channel}: sender not allowed`);
        else if (!valid) expect(outcome).toMatch(new RegExp(`^${call.channel}: invalid payload \\(.+\\)$`));
        else expect(outcome).toBeUndefined();
        expect(calls).toEqual(trusted && valid ? [call.channel] : []);
        expect(warnings.length).toBe(trusted && valid ? 0 : 1);
      }),
    );
  }, timeout);
});

describe(`fuzzing the console's local cache (${run.scale.name})`, () => {
  const leadUser = USERS.find((user) => user.username === 'lead')!;
  let events: OpsEvent[];
  let mutationSerial = 0;
  const note = (): Command => ({ type: 'note', alertId: fixture.alertIds[0]!, mutationId: `fuzz-cache-${run.seed}-${(mutationSerial += 1)}`, text: 'Queued while offline' });

  beforeAll(async () => {
    events = HistoryResponse.parse(await world.ask('lead', 'history', { fromSeq: 1, limit: 300 })).events;
  });

  it('given damaged rows in every store, when the cache opens and loads, then it never throws, shows only valid data and keeps every queued command it can still read', async () => {
    await fuzz(
      'cacheRows',
      fc.asyncProperty(damages, async (damage) => {
        tally.inputs += 1;
        const options = { indexedDB: new IDBFactory(), IDBKeyRange, name: 'fuzz-cache' };
        const identity = { officerId: leadUser.id, hubId: hub().hubId };
        const first = await openLocalCache(identity, options);
        expect(await first.cache.applyBatch(events, { after: 0, through: events.at(-1)!.seq })).toMatchObject({ ok: true });
        for (let i = 0; i < 2; i += 1) expect(await first.cache.enqueue(note())).toMatchObject({ ok: true });
        first.cache.close();

        const raw = await rawCache(options.name, options);
        for (const each of damage) await applyDamage(raw, each);
        const mustKeep = (await readableOutbox(raw, identity.officerId, identity.hubId)).map((row) => row.mutationId);
        raw.close();

        const { cache } = await openLocalCache(identity, options);
        try {
          const picture = await cache.loadPicture();
          expect(picture.through).toBeLessThanOrEqual(events.at(-1)!.seq);
          expect(picture.pending.map((entry) => entry.mutationId)).toEqual(expect.arrayContaining(mustKeep));
          for (const entry of picture.pending) expect(Command.safeParse(entry.command).success).toBe(true);
          expect(picture.hits.length).toBe(picture.state.alerts.size);
          // The cache still takes the hub's picture afterwards.
          const again = await cache.applyBatch(events, { after: picture.through, through: events.at(-1)!.seq });
          expect(again.ok || again.reason !== 'failed', `applyBatch failed: ${JSON.stringify(again)}`).toBe(true);
        } finally {
          cache.close();
        }
      }),
    );
  }, timeout);

  it('given a damaged cache with a queued command, when a console session starts on it, then it catches up from the hub, sends what it can read, and a new hit reaches it', async () => {
    const { token, officer } = await world.signIn('lead');
    await fuzz(
      'cacheSessions',
      fc.asyncProperty(damages, async (damage) => {
        tally.inputs += 1;
        const station = workstation();
        const live = (session: Session) => {
          const snapshot = session.store.getSnapshot();
          return snapshot.connection.kind === 'live' && snapshot.through >= hub().authority.cursor();
        };
        const first = station.open(hub().url, token, officer);
        try {
          await waitUntil(() => live(first), 'the first session to catch up', 30_000);
          await waitUntil(async () => {
            const { cache } = await openLocalCache({ officerId: officer.id }, { indexedDB: station.indexedDB, IDBKeyRange });
            const through = (await cache.loadPicture()).through;
            cache.close();
            return through >= hub().authority.cursor();
          }, 'the cache to hold the picture', 30_000);
        } finally {
          first.close();
        }
        const raw = await rawCache('watchfloor-cache', { indexedDB: station.indexedDB, IDBKeyRange });
        const queued = note();
        await raw.outbox.add({ mutationId: queued.mutationId, hubId: hub().hubId, officerId: officer.id, command: queued, queuedAt: Date.now(), attempts: 0, status: 'queued' });
        for (const each of damage) await applyDamage(raw, each);
        const mustSend = (await readableOutbox(raw, officer.id, hub().hubId)).map((row) => row.command.mutationId);
        raw.close();

        const second = station.open(hub().url, token, officer);
        try {
          await waitUntil(() => live(second), 'the session on the damaged cache to catch up', 30_000);
          for (const mutationId of mustSend) {
            await waitUntil(
              async () => (await hub().db.query('select 1 from mutations where mutation_id = $1', [mutationId])).length === 1,
              `queued command ${mutationId} to reach the hub`,
              30_000,
            );
          }
          const [hitId] = await ingestMany(hub(), 1, { operationId: OPERATION, checkpointId: CHECKPOINT });
          await waitUntil(() => second.store.getSnapshot().state.alerts.has(hitId!), 'a new hit to reach the console', 30_000);
        } finally {
          second.close();
        }
      }),
    );
  }, timeout);
});

describe('after the fuzz', () => {
  it('given the fuzzed hub, when it restarts on the same database, then it holds the same picture, fresh consoles catch up and a hit ingested now reaches them', async () => {
    tally.restart = 'failed';
    const before = await digest(hub());
    const picture = hub().authority.state();
    await world.restart();
    expect(pictureDifferences(picture, hub().authority.state())).toEqual([]);
    expect(await digest(hub())).toEqual(before);

    const sessions = await Promise.all(
      (['lead', 'abuja'] as const satisfies readonly Username[]).map(async (username) => {
        const { token, officer } = await world.signIn(username);
        return workstation().open(hub().url, token, officer);
      }),
    );
    try {
      const head = hub().authority.cursor();
      await waitUntil(() => sessions.every((session) => session.store.getSnapshot().connection.kind === 'live'), 'fresh consoles to be live', 30_000);
      await waitUntil(() => sessions[0]!.store.getSnapshot().through >= head, 'a fresh console to catch up', 30_000);
      expect(sessions[0]!.store.getSnapshot().state.alerts.size).toBe(hub().authority.state().alerts.size);
      const response = await fetch(`${hub().url}/api/v1/hits`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer test-ingest-key' },
        body: JSON.stringify({
          externalId: `fuzz-after-${run.seed}-${Date.now()}`,
          operationId: OPERATION,
          checkpointId: CHECKPOINT,
          at: new Date().toISOString(),
          source: 'red-notice',
          score: 0.99,
          summary: 'Red notice match after the fuzz',
          recordOwner: 'NG',
          subject: { name: 'SIMULATED PERSON' },
        }),
      });
      expect(response.status).toBe(201);
      const { hitId } = (await response.json()) as { hitId: string };
      await waitUntil(() => sessions.every((session) => session.store.getSnapshot().state.alerts.has(hitId)), 'the new hit to reach every fresh console', 30_000);
    } finally {
      for (const session of sessions) session.close();
    }
    tally.restart = 'ok';
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(world.errors).toEqual([]);
    expect(unhandled).toEqual([]);
    expect(tally.stateChanges).toBe(0);
  }, timeout);
});
