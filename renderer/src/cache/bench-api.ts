/** What the cache harness page exposes as `window.cacheBench` (used by test/bench/cache-*.bench.ts). */
export interface StartTiming {
  readonly rows: number;
  /** From opening the database to every hit in the map's columns. */
  readonly totalMs: number;
  /** Of which reading IndexedDB. */
  readonly readMs: number;
}

export interface IngestTiming {
  readonly hits: number;
  readonly elapsedMs: number;
  readonly hitsPerSecond: number;
  readonly longTasks: number;
  readonly longestTaskMs: number;
}

export interface CacheBench {
  seedCache(count: number): Promise<void>;
  seedNaive(count: number): Promise<void>;
  coldStart(): Promise<StartTiming>;
  naiveStart(): Promise<StartTiming>;
  ingestCache(count: number, batch: number): Promise<IngestTiming>;
  ingestBare(count: number, batch: number): Promise<IngestTiming>;
}
