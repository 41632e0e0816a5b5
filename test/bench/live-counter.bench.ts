import { Agent } from 'node:http';
import { BENCH_DATABASE, BENCH_INGEST_KEY, withBenchHub } from './bench-hub';
import { CONSOLE_HUB, signedInAfresh, type ConsoleWatch, type ConsoleWindow } from './console/console-window';
import { holdAlerts } from './console/held-alerts';
import { traceThreadBusy, type ThreadBusy } from './console/thread-busy';
import { postHit } from './post-hit';
import { percentile, type Bench, type Measurement } from './report';

/**
 * A new critical hit from ingest to the critical counter on another officer's screen: a checkpoint system
 * POSTs a critical hit to a real hub (the built console served by it, Debian Chromium, the duty officer
 * signed in, the whole picture in and cached), and the clock stops at the first frame whose counter shows
 * one more. The page notes that frame's `Date.now()`, the bench the POST's start: the same wall clock.
 * Beside it, the stages: the hub's answer to the POST, the batch reaching the UI thread from the worker, the
 * counter's DOM taking the new value (before the frame).
 * Samples one after the other, with 1k and with 1M alerts held by the hub, side by side in one run.
 *
 * Beside the target, the counter reaching the DOM (before any frame), and how busy Chromium's GPU process
 * (SwiftShader, a software rasteriser, on these machines) and the console's main thread were while sampling,
 * from a trace: where a frame waits, these tell the console's own work from the drawing. Then the same
 * again, in the same run, with the map's canvas hidden by CSS (the map still takes every hit and deck.gl
 * still draws it; only its pictures stay out of the console's frames): side by side with the figures above,
 * they show how much of the target is the map's pictures reaching the screen. The target is measured with
 * the map shown, as an officer sees the console.
 * Needs the built renderer (`npx electron-vite build --mode harness`).
 */
const SCALES = [1_000, 1_000_000] as const;
const WARMUP = 3;
const SAMPLES = 30;
/** Samples with the map's canvas hidden, beside the target: enough for a p95 to compare. */
const HIDDEN_SAMPLES = 20;
/** The counter's latency must not grow with what is held. */
const RATIO_LIMIT = 1.5;
const progress = (message: string) => process.stderr.write(`  live-counter: ${message}\n`);

type WatchWindow = { consoleWatch?: ConsoleWatch };
/** Each from the POST's start: the frame that showed the new count, the DOM taking it, its batch reaching the UI thread, the hub's answer. */
interface Sample {
  readonly onScreen: number;
  readonly inDom: number;
  readonly arrived: number;
  readonly answered: number;
}

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

/** `count` critical hits one after the other (after `warmup` more), each from its POST to the counter on screen, and how busy the threads were. */
async function sampleCounter(officer: ConsoleWindow, hubUrl: string, agent: Agent, name: string, warmup: number, count: number): Promise<{ times: Sample[]; busy: ThreadBusy }> {
  const times: Sample[] = [];
  const busy = await traceThreadBusy(officer.page, async () => {
    for (let sample = 0; sample < warmup + count; sample++) {
      const before = await officer.watch();
      const shown = before.critical.at(-1)?.value ?? 0;
      const body = criticalHit(`${name}-${sample}`);
      const posted = Date.now();
      const status = await postHit(agent, hubUrl, BENCH_INGEST_KEY, body);
      const answered = Date.now();
      if (status !== 201) throw new Error(`the hub answered the critical hit with ${status}`);
      const seen = await officer.page.waitForFunction(
        ([frames, changes, batches, value]) => {
          const watch = (window as WatchWindow).consoleWatch!;
          const onScreen = watch.critical.slice(frames).find((entry) => entry.value > value)?.at;
          const inDom = watch.criticalInDom.slice(changes).find((entry) => entry.value > value)?.at;
          const arrived = watch.criticalArrived[batches];
          return onScreen !== undefined && inDom !== undefined && arrived !== undefined && { onScreen, inDom, arrived };
        },
        [before.critical.length, before.criticalInDom.length, before.criticalArrived.length, shown] as const,
        { timeout: 60_000 },
      );
      const at = (await seen.jsonValue()) as { onScreen: number; inDom: number; arrived: number };
      if (sample >= warmup) times.push({ onScreen: at.onScreen - posted, inDom: at.inDom - posted, arrived: at.arrived - posted, answered: answered - posted });
    }
  });
  return { times, busy };
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
              const drawn = await sampleCounter(officer, hub.url, agent, `counter-${held}`, WARMUP, SAMPLES);
              // The same path with the map's canvas hidden (the map still updates and deck.gl still draws):
              // what the console's frames cost without the map's pictures in them.
              await officer.page.addStyleTag({ content: '.world-map__canvas { visibility: hidden; }' });
              const hidden = await sampleCounter(officer, hub.url, agent, `hidden-${held}`, WARMUP, HIDDEN_SAMPLES);
              const onScreen = drawn.times.map((t) => t.onScreen).sort((a, b) => a - b);
              const stage = (pick: (sample: Sample) => number) => percentile(drawn.times.map(pick).sort((a, b) => a - b), 50);
              const inDom = drawn.times.map((t) => t.inDom).sort((a, b) => a - b);
              const hiddenOnScreen = hidden.times.map((t) => t.onScreen).sort((a, b) => a - b);
              latencies.set(held, onScreen);
              progress(`${held.toLocaleString('en')} held: p50 ${percentile(onScreen, 50)} ms, p95 ${percentile(onScreen, 95)} ms; map hidden p95 ${percentile(hiddenOnScreen, 95)} ms`);
              const label = `${held.toLocaleString('en')} held`;
              measurements.push(
                { label: `${label}: seeding the hub to this many (not a target)`, value: seedMs / 1000, unit: 's' },
                { label: `${label}: ingest to the critical counter on screen, p50`, value: percentile(onScreen, 50), unit: 'ms' },
                { label: `${label}: ingest to the critical counter on screen, p95`, value: percentile(onScreen, 95), unit: 'ms' },
                { label: `${label}: ingest to the critical counter on screen, worst`, value: onScreen.at(-1)!, unit: 'ms' },
                { label: `${label}:   of it until the hub answered the POST, p50`, value: stage((t) => t.answered), unit: 'ms' },
                { label: `${label}:   of it until the batch reached the UI thread, p50`, value: stage((t) => t.arrived), unit: 'ms' },
                { label: `${label}:   of it until the counter was in the DOM, p50`, value: stage((t) => t.inDom), unit: 'ms' },
                { label: `${label}: ingest to the critical counter in the DOM, p95`, value: percentile(inDom, 95), unit: 'ms' },
                { label: `${label}: GPU process main thread (software rasteriser) busy`, value: drawn.busy.percent.get('CrGpuMain') ?? 0, unit: '%' },
                { label: `${label}: console's main thread busy`, value: drawn.busy.percent.get('CrRendererMain') ?? 0, unit: '%' },
                { label: `${label}: map canvas hidden: on screen, p95 (not a target)`, value: percentile(hiddenOnScreen, 95), unit: 'ms' },
                { label: `${label}: map canvas hidden: GPU process main thread busy`, value: hidden.busy.percent.get('CrGpuMain') ?? 0, unit: '%' },
                { label: `${label}: map canvas hidden: console's main thread busy`, value: hidden.busy.percent.get('CrRendererMain') ?? 0, unit: '%' },
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
