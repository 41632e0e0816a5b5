import { PHASE_CODES, type Checkpoint, type CheckpointStatus, type Operation, type PendingEvent } from '@watchfloor/shared';
import type { Logger } from 'pino';
import type { IngestSource } from '../auth/ingest-keys';
import type { Authority } from '../core/authority';
import { tallyDemoOperation } from './demo-tally';
import { PARTNER_COUNTRIES, WEST_AFRICA_CHECKPOINTS, worldAirportCheckpoints } from './places';
import { createScenario, hourlyActivity, pickWeighted, poisson, type ScenarioCheckpoint } from './scenario';

/**
 * The demo operation: HARMATTAN, a simulated anti-trafficking operation of Benin and Nigeria with partner
 * countries. It feeds hits through the hub's own ingest path, takes checkpoints offline and back, and moves
 * the operation's counters and phases, so the app has a living picture out of the box.
 */
export const DEMO_OPERATION_ID = 'op-harmattan';

const PHASES = PHASE_CODES;
const PHASE_LENGTH_MS = 20 * 60_000;

export interface SimulatorOptions {
  readonly authority: Authority;
  readonly log: Logger;
  readonly seed: number;
  /** Mean hits per second, before the hour-of-day factor. */
  readonly rate: number;
  readonly now?: () => number;
  /** Checkpoint outages, counters and phases (off for pure load runs). */
  readonly lifeEvents?: boolean;
}

export interface Simulator {
  stop(): Promise<void>;
}

/** Benin and Nigeria run the demo operation; the partner countries take part. */
const DEMO_HOSTS = ['BJ', 'NG'];

function demoOperation(start: number, countries: readonly string[]): Operation {
  return {
    id: DEMO_OPERATION_ID,
    codename: 'HARMATTAN',
    status: 'active',
    phase: PHASES[0],
    countries: [...countries],
    hostCountries: [...DEMO_HOSTS],
    window: { start },
    counters: { checks: 0, hits: 0, arrests: 0, victimsRescued: 0, documentsSeized: 0 },
  };
}

/** Creates the operation and its checkpoints in the log unless they are there already (restarts). */
export async function ensureDemoOperation(authority: Authority, now: number): Promise<readonly Checkpoint[]> {
  const places = [...WEST_AFRICA_CHECKPOINTS, ...worldAirportCheckpoints()];
  const state = authority.state();
  const missing: PendingEvent[] = [];
  const operation = state.operations.get(DEMO_OPERATION_ID);
  if (operation === undefined) {
    missing.push({ type: 'operation.updated', operation: demoOperation(now, [...DEMO_HOSTS, ...PARTNER_COUNTRIES]) });
  } else if (operation.hostCountries === undefined) {
    // A demo database from a build that did not name the hosts gets them, the rest of the operation kept.
    missing.push({ type: 'operation.updated', operation: { ...operation, hostCountries: [...DEMO_HOSTS] } });
  }
  for (const place of places) {
    if (!state.checkpoints.has(place.id)) {
      missing.push({ type: 'checkpoint.updated', checkpoint: { ...place, status: 'online', lastHeard: now } });
    }
  }
  if (missing.length > 0) await authority.appendSystemEvents(missing);
  return places.map((place) => authority.state().checkpoints.get(place.id)!);
}

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const { authority, log } = options;
  const now = options.now ?? Date.now;
  const checkpoints = await ensureDemoOperation(authority, now());
  const regional: ScenarioCheckpoint[] = checkpoints.filter((c) => c.id.startsWith('ng-') || c.id.startsWith('bj-'));
  const worldwide: ScenarioCheckpoint[] = checkpoints.filter((c) => c.id.startsWith('ap-'));
  const scenario = createScenario(options.seed, DEMO_OPERATION_ID, regional, worldwide, `sim-${options.seed}-${now()}`);
  const random = scenario.random;
  const tally = tallyDemoOperation(authority, DEMO_OPERATION_ID);
  const tickMs = options.rate > 50 ? 20 : 100;
  let last = now();
  let burst: { checkpoint: ScenarioCheckpoint; remaining: number; until: number } | undefined;
  let inFlight = 0;
  let stopped = false;

  /** The simulator posts for every checkpoint; its hits are recorded as coming from it. */
  const source: IngestSource = { id: 'simulator' };

  function ingest(at: number, checkpoint?: ScenarioCheckpoint): void {
    inFlight += 1;
    authority
      .ingest(scenario.nextHit(at, checkpoint), source)
      .catch((error: unknown) => log.error({ err: error }, 'simulated hit not stored'))
      .finally(() => (inFlight -= 1));
  }

  const hitTimer = setInterval(() => {
    const at = now();
    const elapsed = (at - last) / 1000;
    last = at;
    const count = poisson(random, options.rate * hourlyActivity(at) * elapsed);
    for (let i = 0; i < count; i += 1) ingest(at);
    // Bursts ride on top of the base rate; rate 0 means no simulated hits at all (admin-only or load runs).
    if (options.rate > 0 && options.rate <= 5) {
      if (burst === undefined && random() < elapsed / 240) {
        const airports = regional.filter((c) => c.kind === 'airport');
        burst = { checkpoint: airports[Math.floor(random() * airports.length)]!, remaining: 6 + Math.floor(random() * 10), until: at + 60_000 };
        log.info({ checkpoint: burst.checkpoint.id }, 'simulated flight arrival burst');
      }
      if (burst !== undefined && random() < elapsed * (burst.remaining / Math.max(1, (burst.until - at) / 1000))) {
        ingest(at, burst.checkpoint);
        burst.remaining -= 1;
        if (burst.remaining <= 0 || at > burst.until) burst = undefined;
      }
    }
  }, tickMs);

  async function lifeTick(): Promise<void> {
    const at = now();
    const state = authority.state();
    const changes: PendingEvent[] = [];
    for (const checkpoint of state.checkpoints.values()) {
      if (!checkpoint.id.startsWith('ng-') && !checkpoint.id.startsWith('bj-')) continue;
      let status: CheckpointStatus = checkpoint.status;
      if (status === 'online' && random() < 0.01) status = pickWeighted(random, [['degraded', 2], ['offline', 1]] as const);
      else if (status !== 'online' && random() < 0.15) status = 'online';
      if (status !== checkpoint.status) {
        changes.push({ type: 'checkpoint.updated', checkpoint: { ...checkpoint, status, lastHeard: at } });
      }
    }
    const operation = state.operations.get(DEMO_OPERATION_ID);
    if (operation === undefined || operation.status !== 'active') {
      if (changes.length > 0) await authority.appendSystemEvents(changes);
      return;
    }
    const phase = PHASES[Math.min(PHASES.length - 1, Math.floor((at - operation.window.start) / PHASE_LENGTH_MS))]!;
    const counters = {
      checks: operation.counters.checks + 40 + Math.floor(random() * 120 * Math.max(1, options.rate)),
      hits: tally.hits(),
      arrests: tally.arrests(),
      victimsRescued: operation.counters.victimsRescued + (random() < 0.08 ? 1 + Math.floor(random() * 3) : 0),
      documentsSeized: tally.documentsSeized(),
    };
    changes.push({ type: 'operation.updated', operation: { ...operation, phase, counters } });
    await authority.appendSystemEvents(changes);
  }

  let lifeRunning: Promise<void> = Promise.resolve();
  const lifeTimer =
    options.lifeEvents === false
      ? undefined
      : setInterval(() => {
          lifeRunning = lifeTick().catch((error: unknown) => log.error({ err: error }, 'simulator status update failed'));
        }, 15_000);

  log.info({ seed: options.seed, rate: options.rate, checkpoints: checkpoints.length }, 'demo operation HARMATTAN running');

  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(hitTimer);
      if (lifeTimer !== undefined) clearInterval(lifeTimer);
      await lifeRunning;
      tally.close();
      while (inFlight > 0) {
        await new Promise((resolve) => setImmediate(resolve));
        await authority.drain();
      }
    },
  };
}
