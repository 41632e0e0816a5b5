import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CommandAck,
  EventBatch,
  Hello,
  IngestHitBody,
  OPS_NAMESPACE,
  Reset,
  SessionResponse,
  type Command,
  type OpsEvent,
} from '@watchfloor/shared';
import pg from 'pg';
import pino from 'pino';
import { io, type Socket } from 'socket.io-client';
import { inject } from 'vitest';
import { HubConfig, SHARED_KEY_SOURCE, startHub, type HubHooks, type RunningHub } from '../../hub/src/index';
import { copyTemplate } from './pglite-template';

/**
 * Real hubs and real socket.io clients for integration tests. PGlite in memory by default; with
 * WATCHFLOOR_TEST_DATABASE_URL, PostgreSQL in a schema of its own per test hub.
 */
export const TEST_DATABASE_URL = process.env.WATCHFLOOR_TEST_DATABASE_URL;

export interface TestHubOptions extends Partial<Omit<HubConfig, 'ingestKey'>> {
  readonly ingestKey?: string;
  readonly hooks?: HubHooks;
}

/**
 * Starts a hub on a copy of the migrated PGlite template (or in its own PostgreSQL schema when
 * `databaseUrl` is given). Stopping it removes the copy unless the test passed its own `dataDir`.
 */
export async function startTestHub(options: TestHubOptions = {}): Promise<RunningHub> {
  const { hooks, ...overrides } = options;
  let ownDir: { dir: string; remove: () => Promise<void> } | undefined;
  if (overrides.dataDir === undefined && overrides.databaseUrl === undefined) {
    ownDir = await tempDir('watchfloor-hub-');
    await copyTemplate(inject('pgliteTemplate'), ownDir.dir);
  }
  const config = HubConfig.parse({
    port: 0,
    logLevel: 'silent',
    ingestKey: 'test-ingest-key',
    ...(ownDir ? { dataDir: ownDir.dir } : {}),
    ...overrides,
  });
  const started = await startHub(config, { log: pino({ level: process.env.WATCHFLOOR_TEST_LOG ?? 'silent' }), ...hooks });
  const remove = ownDir?.remove;
  const hub = remove === undefined ? started : { ...started, stop: async () => {
    await started.stop();
    await remove();
  } };
  if (hooks?.now !== undefined) hubClocks.set(hub, hooks.now);
  return hub;
}

/** The clock each test hub runs on, where a test gave it one: hits it ingests are screened at that time. */
const hubClocks = new WeakMap<RunningHub, () => number>();

/** A fresh data directory holding the migrated template, for tests that restart a hub on it. */
export async function templateDataDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const own = await tempDir('watchfloor-hub-');
  await copyTemplate(inject('pgliteTemplate'), own.dir);
  return own;
}

export async function tempDir(prefix = 'watchfloor-test-'): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export function uniqueSchema(): string {
  return `wf_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
}

export async function signIn(hub: RunningHub, username: string, password = username): Promise<SessionResponse> {
  const response = await fetch(`${hub.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${username} failed with ${response.status}`);
  return SessionResponse.parse(await response.json());
}

export async function postHit(hub: RunningHub, body: unknown, key = 'test-ingest-key'): Promise<{ status: number; body: any }> {
  const response = await fetch(`${hub.url}/api/v1/hits`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

export function hitBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    externalId: `ext-${Math.random().toString(36).slice(2)}`,
    operationId: 'op-harmattan',
    checkpointId: 'ng-los',
    at: new Date().toISOString(),
    source: 'sltd',
    score: 0.97,
    summary: 'Passport reported stolen, presented at arrivals',
    recordOwner: 'FR',
    subject: { name: 'SIMULATED PERSON', documentNumber: 'X00000001' },
    ...overrides,
  };
}

/** A connected officer's client: every batch it received, in order, and helpers to wait on them. */
export interface TestClient {
  readonly socket: Socket;
  readonly events: OpsEvent[];
  readonly ranges: { after: number; through: number }[];
  readonly resets: Reset[];
  hello: Hello | undefined;
  waitFor(predicate: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  send(command: Command): Promise<CommandAck>;
  request(event: string, payload: unknown): Promise<any>;
  close(): void;
}

export async function connectClient(hub: RunningHub, token: string, since?: number): Promise<TestClient> {
  const socket = io(`${hub.url}${OPS_NAMESPACE}`, {
    transports: ['websocket'],
    auth: { token, ...(since !== undefined ? { since } : {}), clientId: 'test' },
    reconnection: false,
    forceNew: true,
  });
  const client: TestClient = {
    socket,
    events: [],
    ranges: [],
    resets: [],
    hello: undefined,
    waitFor: (predicate, what, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const check = () => {
          if (predicate()) return resolve();
          if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
          setTimeout(check, 10);
        };
        check();
      }),
    send: (command) => socket.timeout(10_000).emitWithAck('command', command).then((ack) => CommandAck.parse(ack)),
    request: (event, payload) => socket.timeout(10_000).emitWithAck(event, payload),
    close: () => void socket.close(),
  };
  socket.on('hello', (hello) => (client.hello = Hello.parse(hello)));
  socket.on('reset', (reset) => client.resets.push(Reset.parse(reset)));
  socket.on('events', (batch, range) => {
    client.events.push(...EventBatch.parse(batch));
    client.ranges.push(range);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return client;
}

/** Resolves once the client has everything up to the hub's head. */
export async function caughtUp(client: TestClient, hub: RunningHub): Promise<void> {
  await client.waitFor(() => (client.ranges.at(-1)?.through ?? 0) >= hub.authority.cursor(), 'client to catch up');
}

/** Waits for a condition outside any client (hub state, database rows); never a fixed sleep. */
export function waitUntil(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const check = () => {
      Promise.resolve(predicate()).then(
        (done) => {
          if (done) return resolve();
          if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
          setTimeout(check, 10);
        },
        reject,
      );
    };
    check();
  });
}

/**
 * Hits straight into the authority's ingest queue (the path HTTP ingest takes after validation), so tests
 * can make thousands of events fast. Resolves with the hit ids in the order given.
 */
export async function ingestMany(hub: RunningHub, count: number, overrides: Record<string, unknown> = {}): Promise<string[]> {
  const outcomes = await Promise.all(
    Array.from({ length: count }, () => hub.authority.ingest(IngestHitBody.parse(hitBody({ at: (hubClocks.get(hub) ?? Date.now)(), ...overrides })), SHARED_KEY_SOURCE)),
  );
  return outcomes.map((outcome) => {
    if (outcome.status === 400 || outcome.status === 403) throw new Error(`ingest refused: ${JSON.stringify(outcome)}`);
    return outcome.hitId;
  });
}

/** Every seq in the log above `after`, straight from the events table. */
export async function loggedSeqs(hub: RunningHub, after = 0): Promise<number[]> {
  const rows = await hub.db.query<{ seq: number }>('select seq from events where seq > $1 order by seq', [after]);
  return rows.map((row) => Number(row.seq));
}

/** The batches' `{after, through}` ranges chain from `since` without a hole or an overlap. */
export function rangeBreaks(client: TestClient, since: number): string[] {
  const breaks: string[] = [];
  let through = since;
  for (const range of client.ranges) {
    if (range.after !== through) breaks.push(`batch after ${range.after} follows one through ${through}`);
    if (range.through < range.after) breaks.push(`batch after ${range.after} goes back to ${range.through}`);
    through = range.through;
  }
  return breaks;
}

/**
 * A store a test hub can be started, stopped and started again on: a PGlite directory, and a PostgreSQL
 * schema of its own when WATCHFLOOR_TEST_DATABASE_URL is set.
 */
export interface TestStore {
  readonly config: Partial<HubConfig>;
  remove(): Promise<void>;
}

export interface TestBackend {
  readonly name: 'PGlite' | 'PostgreSQL';
  fresh(): Promise<TestStore>;
}

export const TEST_BACKENDS: readonly TestBackend[] = [
  {
    name: 'PGlite',
    fresh: async () => {
      const own = await templateDataDir();
      return { config: { dataDir: own.dir }, remove: own.remove };
    },
  },
  ...(TEST_DATABASE_URL === undefined
    ? []
    : [
        {
          name: 'PostgreSQL' as const,
          fresh: async (): Promise<TestStore> => {
            const schema = uniqueSchema();
            return { config: { databaseUrl: TEST_DATABASE_URL, databaseSchema: schema }, remove: () => dropSchema(schema) };
          },
        },
      ]),
];

export async function dropSchema(schema: string): Promise<void> {
  if (TEST_DATABASE_URL === undefined) return;
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}
