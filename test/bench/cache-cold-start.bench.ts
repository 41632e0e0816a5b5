import type { StartTiming } from '../../renderer/src/cache/bench-api';
import { openCacheHarness, type HarnessWindow } from './cache/browser';
import { median, type Bench } from './report';

/**
 * Issue #7: cold start from the cache. Time from opening the database until all 1,000,000 cached hits are in
 * the map layer's columns and GPU buffers and the animation frame deck draws them in has come, side by side with a
 * naive read of the same hits stored one object per hit (Dexie `toArray`, IndexedDB getAll) put on the same
 * map the same way. The map (basemap, GPU device) is made ready before the clock starts, on both sides.
 * The chunked side uses `loadPicture` with `onHits`, the map-first load the console uses: its clock stops
 * at the first draw, and the whole picture's time (alert state and outbox, read in the same transaction) is
 * reported beside it. The seeded cache holds hit chunks and meta only, no alert rows; what a million alert
 * rows would add to the whole picture is not measured here.
 * Each sample runs on a freshly loaded page. Needs the built renderer (`npx electron-vite build --mode harness`).
 */
const HITS = 1_000_000;
const SAMPLES = 3;
const progress = (message: string) => process.stderr.write(`  cache-cold-start: ${message}\n`);

export const bench: Bench = {
  name: 'cache-cold-start: 1,000,000 cached hits onto the map (first draw), chunked vs one row per hit',
  async run() {
    const harness = await openCacheHarness();
    try {
      const { page } = harness;
      await page.evaluate((count) => (window as HarnessWindow).cacheBench!.seedCache(count), HITS);
      await page.evaluate((count) => (window as HarnessWindow).cacheBench!.seedNaive(count), HITS);
      const chunked: StartTiming[] = [];
      const naive: StartTiming[] = [];
      // Interleaved, so drift in the shared machine's load falls on both sides alike.
      for (let sample = 0; sample < SAMPLES; sample++) {
        await harness.reload();
        chunked.push(await page.evaluate(() => (window as HarnessWindow).cacheBench!.coldStart()));
        progress(`sample ${sample + 1}/${SAMPLES}: chunked ${chunked[sample]!.totalMs.toFixed(0)} ms to first draw`);
        await harness.reload();
        naive.push(await page.evaluate(() => (window as HarnessWindow).cacheBench!.naiveStart()));
        progress(`sample ${sample + 1}/${SAMPLES}: naive ${naive[sample]!.totalMs.toFixed(0)} ms to first draw`);
      }
      for (const timing of [...chunked, ...naive]) {
        if (timing.rows !== HITS) throw new Error(`expected ${HITS} rows in the columns, got ${timing.rows}`);
      }
      const fast = median(chunked.map((t) => t.totalMs));
      const slow = median(naive.map((t) => t.totalMs));
      return {
        name: this.name,
        measurements: [
          { label: 'chunked cache: open + read + columns + upload + first draw, median', value: fast, unit: 'ms' },
          { label: 'chunked cache:   of which until the first page of chunks is read, median', value: median(chunked.map((t) => t.readMs)), unit: 'ms' },
          { label: 'chunked cache:   of which upload, then the frame that draws, median', value: median(chunked.map((t) => t.drawMs)), unit: 'ms' },
          { label: 'chunked cache: whole picture (loadPicture resolved), median', value: median(chunked.map((t) => t.pictureMs)), unit: 'ms' },
          { label: 'naive one row per hit: read + columns + upload + first draw, median', value: slow, unit: 'ms' },
          { label: 'naive one row per hit:   of which IndexedDB read (all rows), median', value: median(naive.map((t) => t.readMs)), unit: 'ms' },
          { label: 'naive one row per hit:   of which upload, then the frame that draws, median', value: median(naive.map((t) => t.drawMs)), unit: 'ms' },
          { label: 'speed-up (naive / chunked), to first draw', value: slow / fast, unit: 'x' },
          { label: 'chunked cache: to first draw, fastest sample', value: Math.min(...chunked.map((t) => t.totalMs)), unit: 'ms' },
          { label: 'chunked cache: to first draw, slowest sample', value: Math.max(...chunked.map((t) => t.totalMs)), unit: 'ms' },
        ],
        verdicts: [
          { target: 'chunked at least 10x faster than naive', measured: `${(slow / fast).toFixed(1)}x`, pass: slow / fast >= 10 },
          { target: 'chunked under 2 s', measured: `${fast.toFixed(0)} ms`, pass: fast < 2000 },
        ],
      };
    } finally {
      await harness.close();
    }
  },
};
