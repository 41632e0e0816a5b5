import { IDBKeyRange } from 'fake-indexeddb';
import { IngestHitBody, type CommandAck, type Officer, type OpsEvent } from '@watchfloor/shared';
import { SHARED_KEY_SOURCE, type RunningHub } from '../../hub/src/index';
import { readEvents } from '../../hub/src/log/event-store';
import { closeDatabases, openDatabases, type MetaRow, META_KEY } from '../../renderer/src/cache/database';
import { DEFAULT_CACHE_NAME } from '../../renderer/src/cache';
import type { Session } from '../../renderer/src/data/session';
import { workstation, type Workstation } from '../support/console';
import { freePort, startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { hitBody, signIn, startTestHub, type TestBackend, type TestStore } from '../support/hub';
import { flakyWorker, type DeliveryFaultRates, type DeliveryTap } from './flaky-worker';
import type { Random } from './prng';

/**
 * The pieces of a chaos run: one real hub that can be stopped and started again on the same store and
 * port, and consoles (one workstation each, behind a fault proxy of its own) that can be reloaded.
 */
export interface ChaosHub {
  readonly backend: TestBackend['name'];
  readonly port: number;
  /** The running hub; throws while it is stopped. */
  current(): RunningHub;
  readonly running: boolean;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it if running and removes its store. */
  dispose(): Promise<void>;
}

export async function startChaosHub(backend: TestBackend): Promise<ChaosHub> {
  const store: TestStore = await backend.fresh();
  const port = await freePort();
  let hub: RunningHub | undefined;
  const start = async () => {
    hub = await startTestHub({ demo: true, rate: 0, port, ...store.config });
  };
  await start();
  return {
    backend: backend.name,
    port,
    current() {
      if (hub === undefined) throw new Error('the hub is stopped');
      return hub;
    },
    get running() {
      return hub !== undefined;
    },
    async stop() {
      const stopping = hub;
      hub = undefined;
      await stopping?.stop();
    },
    start,
    async dispose() {
      await hub?.stop();
      hub = undefined;
      await store.remove();
    },
  };
}

/** A command a console was given, and every answer the hub's replies brought back for it. */
export interface GivenCommand {
  readonly command: import('@watchfloor/shared').Command;
  readonly console: string;
  readonly officerId: string;
  /** Which session (by generation) it was given to. */
  readonly generation: number;
  /** Answers that reached the console, in order (a retried command may get several: ok then duplicate). */
  readonly answers: CommandAck[];
  /** What `session.send` resolved with, when it did (a reloaded window never resolves it). */
  resolved?: CommandAck;
  resolvedTimes: number;
}

export interface ChaosConsole {
  readonly name: string;
  readonly officer: Officer;
  readonly station: Workstation;
  readonly proxy: FaultProxy;
  readonly tap: DeliveryTap;
  session(): Session;
  /** Sessions opened so far (1 + reloads). */
  readonly generation: number;
  /** Closes the session and opens a new one on the same workstation: it starts from the cache. */
  reload(): Promise<Session>;
  give(command: import('@watchfloor/shared').Command): GivenCommand;
  close(): void;
}

export interface ConsoleSpec {
  readonly name: string;
  readonly username: string;
}

export async function startConsole(
  hub: ChaosHub,
  spec: ConsoleSpec,
  random: Random,
  rates: DeliveryFaultRates,
  onAnswer: (mutationId: string, ack: CommandAck) => void,
): Promise<ChaosConsole> {
  const { token, officer } = await signIn(hub.current(), spec.username);
  const station = workstation();
  const proxy = await startFaultProxy({ port: () => hub.port });
  const tap: DeliveryTap = { duplicated: 0, overlapped: 0, replayed: 0, timedOut: 0, onAnswer };
  const worker = flakyWorker(random.fork(`delivery:${spec.name}`), rates, tap);
  const open = () => station.open(proxy.url, token, officer, { worker });
  let session = open();
  let generation = 1;
  await session.ready;
  return {
    name: spec.name,
    officer,
    station,
    proxy,
    tap,
    session: () => session,
    get generation() {
      return generation;
    },
    async reload() {
      session.close();
      session = open();
      generation += 1;
      await session.ready;
      return session;
    },
    give(command) {
      const given: GivenCommand = { command, console: spec.name, officerId: officer.id, generation, answers: [], resolvedTimes: 0 };
      void session.send(command).then((ack) => {
        given.resolved = ack;
        given.resolvedTimes += 1;
      });
      return given;
    },
    close() {
      session.close();
      void proxy.close();
    },
  };
}

/** Reads a workstation's cache rows directly (no session, no identity binding): for checks. */
export async function readCacheRows(station: Workstation): Promise<{ meta: MetaRow | undefined; outbox: string[]; eventSeqs: number[] }> {
  const databases = await openDatabases(DEFAULT_CACHE_NAME, { indexedDB: station.indexedDB, IDBKeyRange });
  try {
    const { data } = databases;
    return await data.transaction('r', [data.meta, data.outbox, data.eventBlocks], async () => ({
      meta: await data.meta.get(META_KEY),
      outbox: (await data.outbox.toArray()).map((row) => row.mutationId),
      // Block by block as stored, so a seq held twice shows twice.
      eventSeqs: (await data.eventBlocks.toArray()).flatMap((block) => block.events.map((event) => event.seq)),
    }));
  } finally {
    closeDatabases(databases);
  }
}

/** Places hits are screened at, and record owners: some concern the scoped (NG) desk, most do not. */
const CHECKPOINTS = ['ng-los', 'ng-abv', 'ng-seme', 'bj-coo', 'bj-port', 'bj-krake', 'bj-malanville'] as const;
const OWNERS = ['FR', 'GB', 'US', 'BJ', 'NG', 'DE', 'GH'] as const;
const SOURCES = ['sltd', 'red-notice', 'diffusion', 'nominal', 'smv', 'firearms', 'fingerprint', 'face'] as const;

/**
 * Hits from checkpoint systems, with external ids drawn from the seed. Now and then a system sends a hit
 * again (a retry after a lost answer): the hub must answer with the same hit and log nothing new.
 */
export interface Ingestor {
  /** Hit ids in the order raised. */
  readonly hitIds: string[];
  resent: number;
  ingest(hub: RunningHub, count: number): Promise<void>;
}

export function createIngestor(random: Random, seed: number, resendRate: number): Ingestor {
  const bodies: { body: IngestHitBody; hitId: string }[] = [];
  let serial = 0;
  const ingestor: Ingestor = {
    hitIds: [],
    resent: 0,
    async ingest(hub, count) {
      const fresh = Array.from({ length: count }, () => {
        const body = IngestHitBody.parse(
          hitBody({
            externalId: `chaos-${seed}-${(serial += 1)}`,
            at: Date.now(),
            checkpointId: random.pick(CHECKPOINTS),
            recordOwner: random.pick(OWNERS),
            source: random.pick(SOURCES),
            score: Math.round((0.6 + random.next() * 0.4) * 100) / 100,
          }),
        );
        return body;
      });
      const again = bodies.length > 0 && random.chance(resendRate) ? random.sample(bodies, random.int(1, 3)) : [];
      const outcomes = await Promise.all([...fresh, ...again.map((entry) => entry.body)].map((body) => hub.authority.ingest(body, SHARED_KEY_SOURCE)));
      outcomes.forEach((outcome, index) => {
        if (outcome.status === 400 || outcome.status === 403) throw new Error(`ingest refused: ${JSON.stringify(outcome)}`);
        if (index < fresh.length) {
          if (outcome.status !== 201) throw new Error(`a new hit was answered ${outcome.status}`);
          bodies.push({ body: fresh[index]!, hitId: outcome.hitId });
          ingestor.hitIds.push(outcome.hitId);
          return;
        }
        const entry = again[index - fresh.length]!;
        if (outcome.status !== 200 || outcome.hitId !== entry.hitId) {
          throw new Error(`hit ${entry.body.externalId} sent again was answered ${outcome.status} with ${outcome.hitId}, not 200 with ${entry.hitId}`);
        }
        ingestor.resent += 1;
      });
    },
  };
  return ingestor;
}

/** Every event in the hub's log, in seq order, straight from its database. */
export async function loggedEvents(hub: RunningHub): Promise<OpsEvent[]> {
  const events: OpsEvent[] = [];
  for (let after = 0; ; ) {
    const page = await readEvents(hub.db, { afterSeq: after, limit: 5000 });
    events.push(...page.events);
    if (page.rowsRead < 5000) return events;
    after = page.lastSeq!;
  }
}
