import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Checkpoint, OPS_NAMESPACE, Operation, describeIssues, parseWith, type EscalationPolicy, type Officer } from '@watchfloor/shared';
import type { Logger } from 'pino';
import { Server as SocketServer } from 'socket.io';
import { z } from 'zod';
import { appendAuditEntries } from './audit/index';
import { createIngestKeyRing, type IngestKeyRing } from './auth/ingest-keys';
import { watchIngestKeysFile, type WatchedIngestKeys } from './auth/ingest-keys-file';
import { createHashingQueue } from './auth/hashing-queue';
import { startAccess, type RunningAccess } from './auth/access-setup';
import { DEMO_USERS, createOfficerDirectory, removeDemoUsers, seedDemoUsers } from './auth/officers';
import { createSignInGuard } from './auth/sign-in-guard';
import { createSignInThrottle } from './auth/sign-in-throttle';
import type { HubConfig } from './config';
import { createAuthority, type Authority } from './core/authority';
import type { Database } from './db/database';
import { migrate } from './db/migrations';
import { openPglite } from './db/pglite';
import { openPostgres } from './db/postgres';
import { originCheck } from './http/allowed-origins';
import { apiHandler } from './http/api';
import { sendJson } from './http/json';
import { consoleHeaders } from './http/security-headers';
import { sourceAddress } from './http/source-address';
import { staticFileHandler } from './http/static-files';
import { ensureMeta, readMeta } from './log/event-store';
import { RETAINED_FROM_KEY, runRetention } from './log/retention';
import { createLogger } from './logger';
import { attachOpsNamespace } from './ops/namespace';
import { attachPresence } from './ops/presence';
import { guardSessions } from './ops/session-guard';
import { startSimulator, type Simulator } from './sim/simulator';

/**
 * Starts a coordination hub: database and migrations, officer directory, the authority folded from the
 * log, HTTP API, socket.io `/ops`, timers (escalation, retention, cross-hub pump) and, in demo mode, the
 * simulated operation. `stop()` shuts it down in the order that loses nothing.
 */
export interface RunningHub {
  readonly url: string;
  readonly port: number;
  readonly hubId: string;
  readonly authority: Authority;
  readonly db: Database;
  readonly log: Logger;
  stop(): Promise<void>;
}

export interface HubHooks {
  readonly log?: Logger;
  readonly now?: () => number;
  readonly escalationPolicy?: EscalationPolicy;
  readonly escalationTickMs?: number;
  readonly pumpIntervalMs?: number;
  /** How often the officer directory and sessions are re-read from the database. */
  readonly accessRefreshMs?: number;
  /** False: the demo operation raises hits only, without its periodic status updates. */
  readonly simulatorLifeEvents?: boolean;
}

const SeedFile = z.object({
  operations: z.array(Operation).default([]),
  checkpoints: z.array(Checkpoint).default([]),
});

const SYSTEM_ADMIN: Officer = { id: 'system', name: 'Hub (seed file)', role: 'admin' };

export async function startHub(config: HubConfig, hooks: HubHooks = {}): Promise<RunningHub> {
  const log = hooks.log ?? createLogger(config.logLevel);
  const now = hooks.now ?? Date.now;
  const db = config.databaseUrl
    ? await openPostgres(config.databaseUrl, config.databaseSchema, log)
    : await openPglite(config.dataDir);
  const timers: NodeJS.Timeout[] = [];
  let simulator: Simulator | undefined;
  let keysFile: WatchedIngestKeys | undefined;
  let running: RunningAccess | undefined;
  try {
    await migrate(db);
    const hubId = await ensureMeta(db, 'hub_id', `hub-${randomUUID()}`);
    const secret = config.tokenSecret ?? (await ensureMeta(db, 'token_secret', randomBytes(48).toString('base64url')));

    if (config.demo) await seedDemoUsers(db);
    else await removeDemoUsers(db);
    running = await startAccess({
      db,
      log,
      secret,
      demo: config.demo,
      usersFile: config.usersFile,
      lifetimes: { tokenMs: config.tokenMinutes * 60_000, maxMs: config.sessionHours * 3_600_000 },
      channel: `watchfloor_access_${config.databaseSchema}`,
      refreshMs: hooks.accessRefreshMs ?? 2000,
      ...(hooks.now ? { now: hooks.now } : {}),
    });
    const { access } = running;
    const directory = createOfficerDirectory(db, log);

    const notifyChannel = `watchfloor_events_${config.databaseSchema}`;
    const authority = createAuthority({
      db,
      log,
      directory,
      ...(hooks.now ? { now: hooks.now } : {}),
      ...(hooks.escalationPolicy ? { escalationPolicy: hooks.escalationPolicy } : {}),
      idempotencyDays: config.retention.idempotencyDays,
      revealPurposes: config.revealPurposes.map((purpose) => purpose.id),
      ...(db.kind === 'postgres'
        ? { notifyOthers: async (tx, seq) => void (await tx.query('select pg_notify($1, $2)', [notifyChannel, String(seq)])) }
        : {}),
    });
    await authority.start();
    if (db.kind === 'postgres') await db.listen(notifyChannel, () => void authority.pump().catch(() => undefined));

    if (config.seedFile) {
      const seed = parseWith(SeedFile, JSON.parse(await readFile(config.seedFile, 'utf8')));
      if (!seed.ok) throw new Error(`seed file ${config.seedFile}: ${describeIssues(seed.issues)}`);
      for (const operation of seed.value.operations) {
        if (JSON.stringify(authority.state().operations.get(operation.id)) !== JSON.stringify(operation)) {
          await authority.upsertOperation(SYSTEM_ADMIN, operation);
        }
      }
      for (const checkpoint of seed.value.checkpoints) {
        if (JSON.stringify(authority.state().checkpoints.get(checkpoint.id)) !== JSON.stringify(checkpoint)) {
          await authority.upsertCheckpoint(SYSTEM_ADMIN, checkpoint);
        }
      }
    }

    if (config.ingestKeysFile) {
      keysFile = await watchIngestKeysFile({
        file: config.ingestKeysFile,
        log,
        record: (entries) => db.transaction(async (tx) => void (await appendAuditEntries(tx, entries))),
        now,
      });
    }
    const ingestKeys: IngestKeyRing = keysFile ?? createIngestKeyRing([], config.ingestKey);
    const origins = originCheck(config.allowedOrigins);
    const signInGuard = createSignInGuard({ throttle: createSignInThrottle(), hashing: createHashingQueue(), log });
    const api = apiHandler({ authority, directory, access, ingestKeys, log, signInGuard, origins, trustProxy: config.trustProxy, db, now });
    // Served by the hub, the console's own origin is its hub's.
    const serveStatic = config.staticDir ? staticFileHandler(config.staticDir, consoleHeaders()) : undefined;
    const clientConfig = {
      hubUrl: '',
      demo: config.demo,
      // The console's cache keeps events no longer than this hub does.
      retentionDays: config.retention.eventDays,
      ...(config.language === undefined ? {} : { language: config.language }),
      demoUsers: config.demo ? DEMO_USERS.map(({ username, password, role, scope }) => ({ username, password, role, scope })) : [],
    };
    const http: HttpServer = createServer((request, response) => {
      void (async () => {
        if (await api(request, response)) return;
        if (serveStatic && request.url === '/config.json') return sendJson(response, 200, clientConfig);
        if (serveStatic && (await serveStatic(request, response))) return;
        sendJson(response, 404, { error: 'not-found' });
      })().catch((error: unknown) => {
        log.error({ err: error }, 'request failed');
        if (!response.headersSent) sendJson(response, 500, { error: 'internal' });
      });
    });
    const io = new SocketServer(http, {
      transports: ['websocket'],
      // Browsers let any page open a websocket anywhere; only pages of allowed origins may open one here.
      allowRequest: (request, callback) => {
        const origin = origins(request);
        if (origin.kind === 'refused') {
          log.warn({ origin: origin.origin, address: sourceAddress(request, config.trustProxy) }, 'socket from a page of another origin refused');
        }
        callback(origin.kind === 'refused' ? 'origin not allowed' : null, origin.kind !== 'refused');
      },
      maxHttpBufferSize: 256 * 1024,
      serveClient: false,
    });
    let retainedFrom = Number((await readMeta(db, RETAINED_FROM_KEY)) ?? 0);
    const guard = guardSessions(io.of(OPS_NAMESPACE), access, log);
    const detachOps = attachOpsNamespace({
      io,
      db,
      authority,
      access,
      guard,
      hubId,
      log,
      retainedFrom: () => retainedFrom,
      policy: { revealPurposes: config.revealPurposes, ...(config.handlingLabel === undefined ? {} : { handlingLabel: config.handlingLabel }) },
    });
    const detachPresence = attachPresence(io, log, guard.admit, hooks.now);

    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(config.port, config.host, () => resolve());
    });
    const port = (http.address() as AddressInfo).port;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

    const every = (ms: number, task: () => Promise<unknown>, what: string) => {
      let running = false;
      const timer = setInterval(() => {
        if (running) return;
        running = true;
        task()
          .catch((error: unknown) => log.error({ err: error }, `${what} failed`))
          .finally(() => (running = false));
      }, ms);
      timer.unref();
      timers.push(timer);
    };
    every(hooks.escalationTickMs ?? 1000, () => authority.escalateDue(), 'automatic escalation');
    every(hooks.pumpIntervalMs ?? 2000, () => authority.pump(), 'log pump');
    // Retention by data type, at start and every hour; each run's counts per type are logged.
    const retention = async () => {
      const removed = await runRetention(db, config.retention, now());
      retainedFrom = Number((await readMeta(db, RETAINED_FROM_KEY)) ?? 0);
      authority.forgetThrough(retainedFrom);
      log.info({ removed, policy: config.retention }, 'retention run');
    };
    await retention();
    every(3_600_000, retention, 'retention run');

    if (config.demo) {
      simulator = await startSimulator({
        authority,
        log,
        seed: config.seed,
        rate: config.rate,
        ...(hooks.now ? { now: hooks.now } : {}),
        ...(hooks.simulatorLifeEvents === undefined ? {} : { lifeEvents: hooks.simulatorLifeEvents }),
      });
    }

    log.info({ url, hubId, database: db.kind, demo: config.demo, headSeq: authority.cursor() }, 'hub listening');

    let stopping: Promise<void> | undefined;
    return {
      url,
      port,
      hubId,
      authority,
      db,
      log,
      stop: () =>
        (stopping ??= (async () => {
          log.info('hub stopping');
          for (const timer of timers) clearInterval(timer);
          keysFile?.close();
          await simulator?.stop();
          detachOps();
          detachPresence();
          guard.detach();
          await running?.close();
          await new Promise<void>((resolve) => io.close(() => resolve()));
          await authority.drain();
          await db.close();
          log.info('hub stopped');
        })()),
    };
  } catch (error) {
    for (const timer of timers) clearInterval(timer);
    keysFile?.close();
    await running?.close();
    await simulator?.stop().catch(() => undefined);
    await db.close().catch(() => undefined);
    throw error;
  }
}
