import { chromium, type CDPSession, type Page } from '@playwright/test';
import type { BatchTiming, LiveBench, TaskWindow } from '../../renderer/src/live/harness/bench-api';
import { serveBuiltRenderer } from './map/harness-server';
import { median, type Bench, type Measurement, type Verdict } from './report';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';

/**
 * A live batch costs what it brings: the UI thread's time for one batch in Chromium, on the built console
 * code (the live-path harness page): the store's fold, the timeline taking it into its log, the map's hit
 * columns, the live screen's views (queue rows and counts, desktop summary, hit rate) and React's render
 * and commit of the virtualised queue. Also the longest main-thread task while batches arrive, and the
 * page's JS heap after a full collection with 1M alerts held (all of the above keep, each from its own copy
 * of the data as the console receives it). A 5,000-hit batch with 100k and with 1M alerts held, side by side in one run, and one new hit with
 * 1M held. Not inside: the worker's validation and encoding (off the UI thread), the structured-clone copy
 * of its message, and the map's GPU upload and draw (a software rasteriser on these machines). The page
 * makes each batch in a task of its own before applying it, and tasks that made a batch are not counted.
 * Each scale first applies `WARMUP` batches, so the code is compiled and optimised before it is timed (the
 * first scale would otherwise pay for it). At 1M the timed batches carry the held alerts past 1,048,576,
 * where a JavaScript Map of them all would double its hash table, as a console holding that many would.
 * Beside each batch's wall-clock time, the UI thread's CPU time for it, which a loaded machine inflates
 * far less. Needs the built renderer (`npx electron-vite build --mode harness`).
 */
const SCALES = [100_000, 1_000_000] as const;
const BATCH_HITS = 5_000;
const WARMUP = 8;
const SAMPLES = 21;
const SINGLE_SAMPLES = 40;
/** The console's JS heap with 1M alerts held must fit a workstation. */
const HEAP_LIMIT_MB = 600;
/** No main-thread task over this while live. */
const LONG_TASK_LIMIT_MS = 200;

type BenchWindow = { liveBench?: LiveBench; longTasks?: TaskWindow[] };

/** From now on the page notes its main-thread tasks over 50 ms (what the browser reports as long tasks). */
async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const bench = window as BenchWindow;
    bench.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) bench.longTasks!.push({ startedAt: entry.startTime, endedAt: entry.startTime + entry.duration });
    }).observe({ type: 'longtask' });
  });
}

const overlaps = (a: TaskWindow, b: TaskWindow) => a.startedAt < b.endedAt && b.startedAt < a.endedAt;

/**
 * The longest task while live, leaving out the tasks that made a batch (the benchmark's own work), and how
 * much of it was applying a batch (the rest is the browser's: garbage collection, style, layout).
 */
async function longestTask(page: Page, made: readonly TaskWindow[], applied: readonly BatchTiming[]): Promise<{ ms: number; applyingMs: number }> {
  const tasks = await page.evaluate(() => (window as BenchWindow).longTasks ?? []);
  let longest = { ms: 0, applyingMs: 0 };
  for (const task of tasks) {
    if (made.some((window) => overlaps(window, task))) continue;
    const ms = task.endedAt - task.startedAt;
    if (ms <= longest.ms) continue;
    const applying = applied.filter((timing) => overlaps(timing.window, task)).reduce((sum, timing) => sum + timing.totalMs, 0);
    longest = { ms, applyingMs: applying };
  }
  return longest;
}

/** The page's JS heap in MB after a full garbage collection: what it keeps, not what it has yet to collect. */
async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 1e6;
}

/**
 * The UI thread's CPU time so far, in ms (Chromium's `ThreadTime` metric): unlike the time between two
 * clock readings it does not grow while other processes have the cores, so it tells a loaded machine apart.
 */
async function threadCpuMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((metric) => metric.name === 'ThreadTime')?.value ?? Number.NaN) * 1000;
}

/** A batch's timing and the UI thread's CPU time for applying it. */
type Sample = BatchTiming & { readonly cpuMs: number };

/** Batches made and applied, each in a task of its own; `made` hears when each was made. */
async function samples(page: Page, hits: number, count: number, made: TaskWindow[] = []): Promise<Sample[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const timings: Sample[] = [];
  for (let i = 0; i < count; i++) {
    made.push(await page.evaluate((n) => (window as BenchWindow).liveBench!.next(n), hits));
    const before = await threadCpuMs(cdp);
    const timing = await page.evaluate(() => (window as BenchWindow).liveBench!.apply());
    timings.push({ ...timing, cpuMs: (await threadCpuMs(cdp)) - before });
  }
  await cdp.detach();
  return timings;
}

const part = (timings: readonly Sample[], pick: (timing: Sample) => number) => median(timings.map(pick));

export const bench: Bench = {
  name: `live-batch: a ${BATCH_HITS.toLocaleString('en')}-hit batch from store to React commit, 100k and 1M alerts held, and one hit at 1M`,
  async run() {
    const server = await serveBuiltRenderer();
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--js-flags=--max-old-space-size=8192'] });
    const batchMs = new Map<number, number>();
    const measurements: Measurement[] = [];
    let singleMs = Number.NaN;
    let heldHeapMb = Number.NaN;
    let longestTaskMs = 0;
    try {
      for (const held of SCALES) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
        await page.goto(`${server.url}/live-harness.html`);
        await page.waitForFunction(() => (window as BenchWindow).liveBench !== undefined);
        await page.evaluate((n) => (window as BenchWindow).liveBench!.prepare(n), held);
        // What the page keeps with exactly `held` alerts, before the batches add more.
        const preparedHeapMb = held === SCALES[SCALES.length - 1] ? await heapMb(page) : Number.NaN;
        await samples(page, BATCH_HITS, WARMUP);
        await watchLongTasks(page);
        const made: TaskWindow[] = [];
        const timings = await samples(page, BATCH_HITS, SAMPLES, made);
        if (timings.some((timing) => timing.rendered === 0)) throw new Error('the queue rendered no rows');
        const total = part(timings, (t) => t.totalMs);
        batchMs.set(held, total);
        const label = `${held.toLocaleString('en')} held`;
        measurements.push(
          { label: `${label}: ${BATCH_HITS}-hit batch, median`, value: total, unit: 'ms' },
          { label: `${label}: ${BATCH_HITS}-hit batch, worst`, value: Math.max(...timings.map((t) => t.totalMs)), unit: 'ms' },
          { label: `${label}: ${BATCH_HITS}-hit batch, UI thread CPU, median`, value: part(timings, (t) => t.cpuMs), unit: 'ms' },
          { label: `${label}:   of it store fold, median`, value: part(timings, (t) => t.storeMs), unit: 'ms' },
          { label: `${label}:   of it timeline log, median`, value: part(timings, (t) => t.timelineMs), unit: 'ms' },
          { label: `${label}:   of it map hit columns, median`, value: part(timings, (t) => t.columnsMs), unit: 'ms' },
          { label: `${label}:   of it queue, counts, summary, rate, median`, value: part(timings, (t) => t.viewsMs), unit: 'ms' },
          { label: `${label}:   of it React render and commit, median`, value: part(timings, (t) => t.renderMs), unit: 'ms' },
        );
        const applied = [...timings];
        if (held === SCALES[SCALES.length - 1]) {
          const singles = await samples(page, 1, SINGLE_SAMPLES, made);
          applied.push(...singles);
          singleMs = part(singles, (t) => t.totalMs);
          measurements.push(
            { label: `${label}: one new hit, median`, value: singleMs, unit: 'ms' },
            { label: `${label}:   of it store fold, median`, value: part(singles, (t) => t.storeMs), unit: 'ms' },
            { label: `${label}:   of it queue, counts, summary, rate, median`, value: part(singles, (t) => t.viewsMs), unit: 'ms' },
            { label: `${label}:   of it React render and commit, median`, value: part(singles, (t) => t.renderMs), unit: 'ms' },
          );
        }
        const longest = await longestTask(page, made, applied);
        longestTaskMs = Math.max(longestTaskMs, longest.ms);
        measurements.push(
          { label: `${label}: longest main-thread task while live`, value: longest.ms, unit: 'ms' },
          { label: `${label}:   of it applying batches (the rest: GC, layout)`, value: longest.applyingMs, unit: 'ms' },
        );
        if (held === SCALES[SCALES.length - 1]) {
          heldHeapMb = preparedHeapMb;
          measurements.push({ label: `${label}: JS heap after GC (store, views, map columns, timeline)`, value: heldHeapMb, unit: 'MB' });
        }
        if (errors.length > 0) throw new Error(`live bench page errors: ${errors.join('; ')}`);
        await page.close();
      }
    } finally {
      await browser.close();
      await server.close();
    }
    const small = batchMs.get(SCALES[0])!;
    const large = batchMs.get(SCALES[1])!;
    const verdicts: Verdict[] = [
      { target: 'batch at 1M held within 16 ms', measured: `${large.toFixed(1)} ms`, pass: large <= 16 },
      { target: 'batch at 1M held within 1.5x of 100k held', measured: `${(large / small).toFixed(2)}x`, pass: large / small <= 1.5 },
      { target: 'one new hit at 1M held within 2 ms', measured: `${singleMs.toFixed(2)} ms`, pass: singleMs <= 2 },
      { target: `JS heap at 1M held within ${HEAP_LIMIT_MB} MB`, measured: `${heldHeapMb.toFixed(0)} MB`, pass: heldHeapMb <= HEAP_LIMIT_MB },
      { target: `no main-thread task over ${LONG_TASK_LIMIT_MS} ms while live`, measured: `${longestTaskMs.toFixed(0)} ms`, pass: longestTaskMs <= LONG_TASK_LIMIT_MS },
    ];
    return { name: this.name, measurements, verdicts };
  },
};
