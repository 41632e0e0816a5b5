/** What the harness page exposes as `window.mapBench` with `?bench=1` (used by test/bench/map-append.bench.ts). */
export interface AppendTiming {
  readonly appendMs: number;
  readonly updateMs: number;
  readonly drawMs: number;
}

export interface MapBench {
  readonly ready: Promise<void>;
  /** Puts `count` hits in the store and on the GPU (not timed). */
  fill(count: number): Promise<void>;
  /** Prepares the next batch of alerts (not timed), so timing covers only the map. */
  prepare(count: number): void;
  /** Appends the prepared batch to store and layer, then draws: each step timed on the main thread. */
  appendPrepared(): AppendTiming;
  /** Waits until the GPU process has caught up, so one sample's rasterising does not bleed into the next. */
  settle(): Promise<void>;
}
