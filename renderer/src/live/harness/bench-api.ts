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
  /** When applying it began and ended, to tell which of the page's tasks it was. */
  readonly window: TaskWindow;
}

/** When something ran on the UI thread (`performance.now()`). */
export interface TaskWindow {
  readonly startedAt: number;
  readonly endedAt: number;
}

export interface LiveBench {
  /** Builds an operation holding `held` alerts and shows its queue. */
  prepare(held: number): Promise<void>;
  /**
   * Makes the next batch of `hits` new hits (with an acknowledgement after every tenth), as the worker's
   * message delivers it; in a task of its own, so making it is not timed with applying it, and says when
   * that task ran so its time is not counted as the console's.
   */
  next(hits: number): TaskWindow;
  /** Applies the batch `next` made, as the UI thread does when the worker's message arrives. */
  apply(): BatchTiming;
}
