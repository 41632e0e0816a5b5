import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { IngestHitBody, SessionResponse } from '@watchfloor/shared';
import { SHARED_KEY_SOURCE, type RunningHub } from '../../hub/src/index';
import { BENCH_DATABASE, BENCH_INGEST_KEY, withBenchHub } from './bench-hub';
import type { FeederResult, FloodMessage, FloodPlan, FloodResult } from './hub-flood-load';
import type { Bench, Measurement } from './report';

/**
 * One client cannot starve the others: a checkpoint feeder's ingest latency on a real hub (PGlite in a fresh
 * directory, or PostgreSQL in a fresh schema when WATCHFLOOR_BENCH_DATABASE_URL is set) unloaded, then while
 * a read-only observer floods it with commands (all refused) and full-size history pages, side by side in
 * one run. The feeder and the flood each run in a child process (hub-flood-load.ts), so the hub has the
 * parent's event loop to itself and the feeder's clock is not held up by the flood's socket work.
 */
const FEED_MS = 8_000;
const PRELOADED_HITS = 20_000;
const COMMANDS_IN_FLIGHT = 256;
const HISTORY_IN_FLIGHT = 4;
const HISTORY_LIMIT = 5000;

const TEMPLATE = {
  operationId: 'op-harmattan',
  checkpointId: 'ng-los',
  source: 'sltd',
  score: 0.91,
  severity: 'high',
  summary: 'Passport reported stolen in FR, presented at Lagos Murtala Muhammed Intl Airport arrivals',
  recordOwner: 'FR',
  subject: { name: 'SIMULATED PERSON', documentNumber: 'X00000001', dateOfBirth: '1980-01-01' },
};

function forkLoad(plan: FloodPlan, onFlooding: () => void = () => undefined): { child: ChildProcess; result: Promise<FeederResult | FloodResult> } {
  const child = fork(fileURLToPath(new URL('./hub-flood-load.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const result = new Promise<FeederResult | FloodResult>((resolve, reject) => {
    child.on('message', (message: FloodMessage) => {
      if ('phase' in message) onFlooding();
      else if (message.ok) resolve(message.result);
      else reject(new Error(message.error));
    });
    child.once('exit', (code) => code !== 0 && reject(new Error(`${plan.role} exited with ${code}`)));
  });
  child.send(plan);
  return { child, result };
}

const feed = (url: string): Promise<FeederResult> =>
  forkLoad({ role: 'feeder', url, ingestKey: BENCH_INGEST_KEY, durationMs: FEED_MS, template: TEMPLATE }).result as Promise<FeederResult>;

async function preload(hub: RunningHub): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < PRELOADED_HITS; start += 1000) {
    const outcomes = await Promise.all(
      Array.from({ length: 1000 }, (_, index) =>
        hub.authority.ingest(IngestHitBody.parse({ ...TEMPLATE, at: Date.now(), externalId: `flood-preload-${start + index}` }), SHARED_KEY_SOURCE),
      ),
    );
    for (const outcome of outcomes) if (outcome.status === 200 || outcome.status === 201) ids.push(outcome.hitId);
  }
  return ids;
}

const sum = (counts: Readonly<Record<string, number>>) => Object.values(counts).reduce((total, count) => total + count, 0);

export const bench: Bench = {
  name: `hub-flood: a feeder's ingest latency on ${BENCH_DATABASE} unloaded vs while an observer floods commands and history`,
  async run() {
    const { unloaded, loaded, flooded } = await withBenchHub('flood', async (hub) => {
      const alertIds = await preload(hub);
      const response = await fetch(`${hub.url}/api/v1/session`, { method: 'POST', body: JSON.stringify({ username: 'wall', password: 'wall' }) });
      const token = SessionResponse.parse(await response.json()).token;
      const unloaded = await feed(hub.url);
      let flooding!: () => void;
      const started = new Promise<void>((resolve) => (flooding = resolve));
      const flood = forkLoad(
        { role: 'flood', url: hub.url, token, alertIds, commandsInFlight: COMMANDS_IN_FLIGHT, historyInFlight: HISTORY_IN_FLIGHT, historyLimit: HISTORY_LIMIT },
        () => flooding(),
      );
      await started;
      const loaded = await feed(hub.url);
      flood.child.send({ stop: true });
      return { unloaded, loaded, flooded: (await flood.result) as FloodResult };
    });

    const ratio = loaded.p95 / unloaded.p95;
    const answered = sum(flooded.commandAnswers);
    const measurements: Measurement[] = [
      { label: 'unloaded: ingest POST answered p50', value: unloaded.p50, unit: 'ms' },
      { label: 'unloaded: ingest POST answered p95', value: unloaded.p95, unit: 'ms' },
      { label: 'unloaded: ingest POST answered max', value: unloaded.max, unit: 'ms' },
      { label: 'unloaded: hits posted', value: unloaded.posts, unit: 'hits' },
      { label: 'flooded: ingest POST answered p50', value: loaded.p50, unit: 'ms' },
      { label: 'flooded: ingest POST answered p95', value: loaded.p95, unit: 'ms' },
      { label: 'flooded: ingest POST answered max', value: loaded.max, unit: 'ms' },
      { label: 'flooded: hits posted', value: loaded.posts, unit: 'hits' },
      { label: 'flood: commands sent', value: flooded.commands, unit: 'commands' },
      ...Object.entries(flooded.commandAnswers).map(([code, count]) => ({ label: `flood: commands answered ${code}`, value: count, unit: 'commands' })),
      { label: 'flood: history pages served', value: flooded.historyPages, unit: 'pages' },
      { label: 'flood: history events served', value: flooded.historyEvents, unit: 'events' },
      ...Object.entries(flooded.historyErrors).map(([code, count]) => ({ label: `flood: history requests answered ${code}`, value: count, unit: 'requests' })),
      { label: 'flood: disconnected by the hub', value: flooded.disconnects, unit: 'times' },
    ];
    return {
      name: bench.name,
      measurements,
      verdicts: [
        { target: 'flooded ingest p95 at most 2x unloaded', measured: `${ratio.toFixed(2)}x (${loaded.p95.toFixed(1)} vs ${unloaded.p95.toFixed(1)} ms)`, pass: ratio <= 2 },
        { target: 'every feeder POST answered', measured: `${unloaded.failed + loaded.failed} failed`, pass: unloaded.failed + loaded.failed === 0 },
        { target: 'every flood command answered or lost to a disconnect', measured: `${answered} of ${flooded.commands}`, pass: answered === flooded.commands },
      ],
    };
  },
};
