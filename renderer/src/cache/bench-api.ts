/** What the cache harness page exposes as `window.cacheBench` (used by test/bench/cache-*.bench.ts). */
export interface StartTiming {
  readonly rows: number;
  /**
   * From opening the database until every hit is in the map's columns and GPU buffers and the animation
   * frame deck.gl draws them in has come (see the harness's `drawFirst`). The map itself (basemap, GPU device) is made ready before the clock
   * starts: it does not depend on the cache and starts alongside it in the app.
   */
  readonly totalMs: number;
  /**
   * Of which waiting for IndexedDB until the first hit rows were in hand: for the naive layout all of them;
   * the cache reads its chunks in pages and fills the columns from each while IndexedDB reads the next.
   */
  readonly readMs: number;
  /** Of which upload to the GPU buffers, then waiting for that frame and deck's draw in it. */
  readonly drawMs: number;
  /** Until the whole picture was loaded (alert state, outbox too); the naive layout has only hits, so its total. */
  readonly pictureMs: number;
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
