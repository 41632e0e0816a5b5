import { Agent } from 'node:http';
import { BENCH_DATABASE, BENCH_INGEST_KEY, withBenchHub } from './bench-hub';
import { CONSOLE_HUB, signedInAfresh, type ConsoleWatch } from './console/console-window';
import { holdAlerts } from './console/held-alerts';
import { postHit } from './post-hit';
import { percentile, type Bench, type Measurement } from './report';

/**
 * A new critical hit from ingest to the critical counter on another officer's screen: a checkpoint system
 * POSTs a critical hit to a real hub (the built console served by it, Debian Chromium, the duty officer
 * signed in, the whole picture in and cached), and the clock stops at the first frame whose counter shows
 * one more. The page notes that frame's `Date.now()`, the bench the POST's start: the same wall clock.
 * Samples one after the other, with 1k and with 1M alerts held by the hub, side by side in one run.
 * Needs the built renderer (`npx electron-vite build --mode harness`).
 */
const SCALES = [1_000, 1_000_000] as const;
const WARMUP = 3;
const SAMPLES = 30;
/** The counter's latency must not grow with what is held. */
const RATIO_LIMIT = 1.5;
const progress = (message: string) => process.stderr.write(`  live-counter: ${message}\n`);

type WatchWindow = { consoleWatch?: ConsoleWatch };

function criticalHit(name: string): string {
  return JSON.stringify({
    externalId: name,
    operationId: 'op-harmattan',
    checkpointId: 'ng-los',
    at: Date.now(),
    source: 'red-notice',
    score: 0.97,
    severity: 'critical',
    summary: 'Red notice requested by FR: identity match at arrivals primary inspection',
    recordOwner: 'FR',
    subject: { name: 'SIMULATED PERSON', documentNumber: 'X00000001' },
  });
}

export const bench: Bench = {
  name: `live-counter: a new critical hit from ingest to the counter on screen, 1k and 1M alerts held (${BENCH_DATABASE})`,
  async run() {
    const latencies = new Map<number, number[]>();
    const measurements: Measurement[] = [];
    await withBenchHub(
      'live-counter',
      async (hub) => {
        const agent = new Agent({ keepAlive: true });
        let seedMs = 0;
        try {
          for (const held of SCALES) {
            seedMs += await holdAlerts(hub, held, progress);
            const { officer } = await signedInAfresh(hub);
            try {
              await officer.cacheReaches(hub.authority.cursor());
              const times: number[] = [];
              for (let sample = 0; sample < WARMUP + SAMPLES; sample++) {
                const { critical } = await officer.watch();
                const shown = critical.at(-1)?.value ?? 0;
                const body = criticalHit(`counter-${held}-${sample}`);
                const posted = Date.now();
                const status = await postHit(agent, hub.url, BENCH_INGEST_KEY, body);
                if (status !== 201) throw new Error(`the hub answered the critical hit with ${status}`);
                const seen = await officer.page.waitForFunction(
                  ([from, value]) => (window as WatchWindow).consoleWatch!.critical.slice(from).find((entry) => entry.value > value)?.at,
                  [critical.length, shown] as const,
                  { timeout: 60_000 },
                );
                if (sample >= WARMUP) times.push(((await seen.jsonValue()) as number) - posted);
              }
              times.sort((a, b) => a - b);
              latencies.set(held, times);
              progress(`${held.toLocaleString('en')} held: p50 ${percentile(times, 50)} ms, p95 ${percentile(times, 95)} ms`);
              const label = `${held.toLocaleString('en')} held`;
              measurements.push(
                { label: `${label}: seeding the hub to this many (not a target)`, value: seedMs / 1000, unit: 's' },
                { label: `${label}: ingest to the critical counter, p50`, value: percentile(times, 50), unit: 'ms' },
                { label: `${label}: ingest to the critical counter, p95`, value: percentile(times, 95), unit: 'ms' },
                { label: `${label}: ingest to the critical counter, worst`, value: times.at(-1)!, unit: 'ms' },
              );
            } finally {
              await officer.close();
            }
          }
        } finally {
          agent.destroy();
        }
      },
      CONSOLE_HUB,
    );
    const small = percentile(latencies.get(SCALES[0])!, 95);
    const large = percentile(latencies.get(SCALES[1])!, 95);
    return {
      name: this.name,
      measurements,
      verdicts: [
        {
          target: `p95 at 1M held within ${RATIO_LIMIT}x of p95 at 1k held`,
          measured: `${(large / small).toFixed(2)}x (${large} vs ${small} ms)`,
          pass: large / small <= RATIO_LIMIT,
        },
      ],
    };
  },
};
