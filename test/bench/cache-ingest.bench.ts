import type { IngestTiming } from '../../renderer/src/cache/bench-api';
import { openCacheHarness, type HarnessWindow } from './cache/browser';
import { median, type Bench } from './report';

/**
 * Issue #7: sustained live ingest into the cache on the UI thread, in hub-sized batches: hits/s through
 * `LocalCache.applyBatch` (zod re-parse, fold, events + alerts + hit chunk + lastSeq in one transaction)
 * side by side with a bare Dexie bulkPut of the same event rows, and the longest main-thread task meanwhile.
 */
const HITS = 20_000;
const BATCH = 500;
const SAMPLES = 2;

export const bench: Bench = {
  name: `cache-ingest: ${HITS.toLocaleString('en')} hits in batches of ${BATCH}, cache vs bare bulkPut`,
  async run() {
    const harness = await openCacheHarness();
    try {
      const { page } = harness;
      const cache: IngestTiming[] = [];
      const bare: IngestTiming[] = [];
      for (let sample = 0; sample < SAMPLES; sample++) {
        await harness.reload();
        bare.push(await page.evaluate(([count, batch]) => (window as HarnessWindow).cacheBench!.ingestBare(count, batch), [HITS, BATCH] as const));
        await harness.reload();
        cache.push(await page.evaluate(([count, batch]) => (window as HarnessWindow).cacheBench!.ingestCache(count, batch), [HITS, BATCH] as const));
      }
      const cacheRate = median(cache.map((t) => t.hitsPerSecond));
      const bareRate = median(bare.map((t) => t.hitsPerSecond));
      const longest = Math.max(...cache.map((t) => t.longestTaskMs));
      const longTasks = cache.reduce((sum, t) => sum + t.longTasks, 0);
      return {
        name: this.name,
        measurements: [
          { label: 'cache applyBatch, median', value: cacheRate, unit: 'hits/s' },
          { label: 'bare Dexie bulkPut of the same rows, median', value: bareRate, unit: 'hits/s' },
          { label: 'ratio cache / bare', value: cacheRate / bareRate, unit: '' },
          { label: 'cache: main-thread tasks over 50 ms, all samples', value: longTasks, unit: 'tasks' },
          { label: 'cache: longest main-thread task', value: longest, unit: 'ms' },
          { label: 'bare: longest main-thread task', value: Math.max(...bare.map((t) => t.longestTaskMs)), unit: 'ms' },
        ],
        verdicts: [
          { target: 'cache at least 50% of bare bulkPut', measured: `${((cacheRate / bareRate) * 100).toFixed(0)}%`, pass: cacheRate / bareRate >= 0.5 },
          { target: 'no main-thread task over 50 ms while ingesting', measured: `${longTasks} (longest ${longest.toFixed(0)} ms)`, pass: longTasks === 0 },
        ],
      };
    } finally {
      await harness.close();
    }
  },
};
