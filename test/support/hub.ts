import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CommandAck,
  EventBatch,
  Hello,
  OPS_NAMESPACE,
  Reset,
  SessionResponse,
  type Command,
  type OpsEvent,
} from '@watchfloor/shared';
import pino from 'pino';
import { io, type Socket } from 'socket.io-client';
import { inject } from 'vitest';
import { HubConfig, startHub, type HubHooks, type RunningHub } from '../../hub/src/index';
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
  const hub = await startHub(config, { log: pino({ level: process.env.WATCHFLOOR_TEST_LOG ?? 'silent' }), ...hooks });
  if (ownDir === undefined) return hub;
  const remove = ownDir.remove;
  return { ...hub, stop: async () => {
    await hub.stop();
    await remove();
  } };
}

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
