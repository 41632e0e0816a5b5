import type { StartTiming } from '../../renderer/src/cache/bench-api';
import { openCacheHarness, type HarnessWindow } from './cache/browser';
import { median, type Bench } from './report';

/**
 * Issue #7: cold start from the cache. Time from opening the database until all 1,000,000 cached hits are
 * in the map layer's columns (HitColumns, CPU side), from the columnar hit chunks, side by side with a naive
 * read of the same hits stored one object per hit (Dexie `toArray`, IndexedDB getAll) appended the same way.
 * Each sample runs on a freshly loaded page. Needs the built renderer (`npx electron-vite build --mode harness`).
 */
const HITS = 1_000_000;
const SAMPLES = 3;

export const bench: Bench = {
  name: 'cache-cold-start: 1,000,000 cached hits into the map columns, chunked vs one row per hit',
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
        await harness.reload();
        naive.push(await page.evaluate(() => (window as HarnessWindow).cacheBench!.naiveStart()));
      }
      for (const timing of [...chunked, ...naive]) {
        if (timing.rows !== HITS) throw new Error(`expected ${HITS} rows in the columns, got ${timing.rows}`);
      }
      const fast = median(chunked.map((t) => t.totalMs));
      const slow = median(naive.map((t) => t.totalMs));
      return {
        name: this.name,
        measurements: [
          { label: 'chunked cache: open + read + columns, median', value: fast, unit: 'ms' },
          { label: 'chunked cache:   of which IndexedDB read, median', value: median(chunked.map((t) => t.readMs)), unit: 'ms' },
          { label: 'naive one row per hit: read + columns, median', value: slow, unit: 'ms' },
          { label: 'naive one row per hit:   of which IndexedDB read, median', value: median(naive.map((t) => t.readMs)), unit: 'ms' },
          { label: 'speed-up (naive / chunked)', value: slow / fast, unit: 'x' },
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
