import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Officer } from '@watchfloor/shared';
import pino from 'pino';
import type { RunningHub } from '../../hub/src/index';
import { connectClient, signIn, startTestHub, tempDir, TEST_BACKENDS, type TestClient, type TestStore } from '../support/hub';

/**
 * The hub the fuzz suite attacks: a real hub on a store it can be restarted on (PGlite, or PostgreSQL when
 * WATCHFLOOR_TEST_DATABASE_URL is set), with one officer of every role and a country-scoped one, one
 * operation and one checkpoint from a seed file, no simulator and no automatic escalation, so that nothing
 * but the fuzz inputs can change its state. Every error the hub logs is kept: each one counts as a crash.
 *
 * The hub limits what one socket may ask per second; the fuzz spreads its inputs over fresh sockets (each
 * used for a budget of requests below its limits), so every input reaches the validation it is there for.
 */
export const OPERATION = 'op-fuzz';
export const CHECKPOINT = 'cp-fuzz-los';
/** In Benin: its hits do not concern the officer scoped to Nigeria. */
export const CHECKPOINT_ABROAD = 'cp-fuzz-coo';
export const WINDOW_START = Date.UTC(2026, 10, 1);

export const USERS = [
  { id: 'off-observer', username: 'observer', name: 'Fuzz Observer', role: 'observer' },
  { id: 'off-duty', username: 'duty', name: 'Fuzz Duty', role: 'duty-officer' },
  { id: 'off-lead', username: 'lead', name: 'Fuzz Lead', role: 'shift-lead' },
  { id: 'off-admin', username: 'admin', name: 'Fuzz Admin', role: 'admin' },
  { id: 'off-abuja', username: 'abuja', name: 'Fuzz Abuja', role: 'duty-officer', scope: 'NG' },
] as const;
export type Username = (typeof USERS)[number]['username'];
const password = (username: string) => `${username}-password`;

/** Requests per socket before the fuzz moves to a fresh one: below each of the hub's per-socket limits. */
export const SOCKET_BUDGET = { command: 500, history: 8, details: 8, presence: 8 } as const;

/** Longest interval a Node timer takes; longer ones fire at once. */
const NEVER_MS = 2 ** 31 - 1;

export interface FuzzHub {
  current(): RunningHub;
  /** Errors the hub has logged since it first started, across restarts. */
  readonly errors: readonly string[];
  signIn(username: Username): Promise<{ token: string; officer: Officer }>;
  /**
   * A connected client of this officer for one more request: replaced by a fresh one once it has served
   * `budget` requests, or if the hub dropped it.
   */
  client(username: Username, budget?: number): Promise<TestClient>;
  /** Asks on this officer's client; a request turned away by the socket's rate limit is asked again on a fresh one. */
  ask(username: Username, event: string, payload: unknown, budget?: number): Promise<unknown>;
  /** A supervisor's connection of its own, never used for fuzz input: it hears presence lists. */
  watcher(): Promise<TestClient>;
  /** Connections opened and closed by `client` (each one publishes a presence list to supervisors). */
  churn(): number;
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

export async function startFuzzHub(): Promise<FuzzHub> {
  const files = await tempDir('watchfloor-fuzz-');
  const usersFile = path.join(files.dir, 'users.json');
  const seedFile = path.join(files.dir, 'seed.json');
  await writeFile(usersFile, JSON.stringify(USERS.map((user) => ({ ...user, password: password(user.username) }))));
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
          window: { start: WINDOW_START },
          counters: { checks: 0, hits: 0, arrests: 0, victimsRescued: 0, documentsSeized: 0 },
        },
      ],
      checkpoints: [
        { id: CHECKPOINT, name: 'Lagos airport (fuzz)', kind: 'airport', country: 'NG', lon: 3.3212, lat: 6.5774, status: 'online' },
        { id: CHECKPOINT_ABROAD, name: 'Cotonou port (fuzz)', kind: 'seaport', country: 'BJ', lon: 2.4253, lat: 6.3654, status: 'online' },
      ],
    }),
  );
  const errors: string[] = [];
  const log = pino({ level: 'error' }, { write: (line: string) => void errors.push(line.slice(0, 2000)) });
  const store: TestStore = await TEST_BACKENDS[TEST_BACKENDS.length - 1]!.fresh();
  const start = () =>
    startTestHub({ ...store.config, usersFile, seedFile, hooks: { log, escalationTickMs: NEVER_MS } });
  let hub = await start();
  const clients = new Map<Username, { client: TestClient; uses: number }>();
  const tokens = new Map<Username, string>();
  let watching: TestClient | undefined;
  let churn = 0;

  const tokenOf = async (username: Username) => {
    const held = tokens.get(username);
    if (held !== undefined) return held;
    const { token } = await signIn(hub, username, password(username));
    tokens.set(username, token);
    return token;
  };

  const closeClients = () => {
    for (const { client } of clients.values()) client.close();
    clients.clear();
    watching?.close();
    watching = undefined;
    tokens.clear();
  };

  const fresh = async (username: Username) => {
    const held = clients.get(username);
    if (held !== undefined) {
      held.client.close();
      churn += 1;
    }
    const client = await connectClient(hub, await tokenOf(username));
    churn += 1;
    clients.set(username, { client, uses: 0 });
    return client;
  };

  const client = async (username: Username, budget = Number.POSITIVE_INFINITY) => {
    const held = clients.get(username);
    const usable = held !== undefined && held.client.socket.connected && held.uses < budget;
    const chosen = usable ? held.client : await fresh(username);
    clients.get(username)!.uses += 1;
    return chosen;
  };

  return {
    current: () => hub,
    errors,
    signIn: async (username) => signIn(hub, username, password(username)),
    client,
    async ask(username, event, payload, budget) {
      const answer: unknown = await (await client(username, budget)).request(event, payload);
      if (!isRateLimited(answer)) return answer;
      await fresh(username);
      return (await client(username, budget)).request(event, payload);
    },
    async watcher() {
      if (watching?.socket.connected) return watching;
      watching?.close();
      watching = await connectClient(hub, await tokenOf('admin'));
      return watching;
    },
    churn: () => churn,
    async restart() {
      closeClients();
      await hub.stop();
      hub = await start();
    },
    async dispose() {
      closeClients();
      await hub.stop();
      await store.remove();
      await files.remove();
    },
  };
}

function isRateLimited(answer: unknown): boolean {
  if (typeof answer !== 'object' || answer === null) return false;
  const { code, error } = answer as { code?: unknown; error?: unknown };
  return code === 'rate-limited' || error === 'rate-limited';
}
