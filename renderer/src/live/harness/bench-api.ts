/** What the live-path benchmark page exposes as `window.liveBench` (see test/bench/live-batch.bench.ts). */
export interface BatchTiming {
  /** The UI thread's time for the whole batch, from the worker's message to React's commit. */
  readonly totalMs: number;
  /** Of it: the store's fold and what it tells the map. */
  readonly storeMs: number;
  /** Of it: the timeline taking the batch into its log (replay index, hit histogram, markers). */
  readonly timelineMs: number;
  /** Of it: the map's hit columns taking the new hits and status changes. */
  readonly columnsMs: number;
  /** Of it: the queue, counts, desktop summary and hit rate brought up to date. */
  readonly viewsMs: number;
  /** Of it: React rendering and committing the queue. */
  readonly renderMs: number;
  /** Rows the queue holds after the batch, and rows React has on screen. */
  readonly rows: number;
  readonly rendered: number;
}

export interface LiveBench {
  /** Builds an operation holding `held` alerts and shows its queue. */
  prepare(held: number): Promise<void>;
  /** Applies the next batch of `hits` new hits (with an acknowledgement after every tenth). */
  batch(hits: number): BatchTiming;
}
