/** What the harness page exposes as `window.mapBench` with `?bench=1` (used by test/bench/map-*.bench.ts). */
export interface AppendTiming {
  readonly appendMs: number;
  /** Upload of the new rows and the layers given to deck (controller.update), then deck's layer update. */
  readonly updateMs: number;
  /** Of `updateMs`, deck's layer update alone (controller.applyLayersNow). */
  readonly layerUpdateMs: number;
  readonly drawMs: number;
}

/** GPU buffer uploads (WebGL bufferData / bufferSubData calls) seen while one step ran. */
export interface UploadCount {
  readonly calls: number;
  readonly bytes: number;
  /** The largest single upload: a column of the held hits would be megabytes, a uniform block a few hundred bytes. */
  readonly largestBytes: number;
}

/** One scrub frame: the window moved and the controller updated (deck setProps). */
export interface ScrubUpdateTiming {
  /** controller.update with the new window (scene, layer descriptors, deck setProps), then deck's layer update (applyLayersNow). */
  readonly updateMs: number;
  readonly updateUploads: UploadCount;
  /** The window's end, in ms since the operation start (so a bench can say what it scrubbed). */
  readonly endOffsetMs: number;
}

/** One scrub frame drawn: the update, then deck's synchronous draw. */
export interface ScrubFrameTiming extends ScrubUpdateTiming {
  readonly drawMs: number;
  readonly drawUploads: UploadCount;
}

export interface MapBench {
  readonly ready: Promise<void>;
  /**
   * Puts `count` hits in the store and on the GPU (not timed); returns the uploads that took. `capacity`:
   * rows to allocate for at first (as the store holds after its doublings), so the appends that follow
   * need not grow it.
   */
  fill(count: number, capacity?: number): Promise<UploadCount>;
  /**
   * Prepares the next batch of alerts, raised, and the rows the data-plane worker encodes for them (off the
   * UI thread in the console, so not part of the append); returns how long that encoding took, in ms.
   */
  prepare(count: number): number;
  /**
   * Appends the prepared batch to store and layer as a live batch does (`HitColumns.appendRaised` with the
   * worker's rows), then draws: each step timed on the main thread.
   */
  appendPrepared(): AppendTiming;
  /**
   * Moves the time window through all `frames` frames of a scrub across the filled hits (a replay trail window
   * of `windowMs`, half of it fading), one update per frame, each timed on the main thread. The frames run in
   * one task, so no draw happens between them (see map-scrub.bench.ts for why).
   */
  scrubUpdates(frames: number, windowMs: number): ScrubUpdateTiming[];
  /** Moves the window to frame `index` of such a scrub, then draws: each step timed on the main thread. */
  scrubFrame(index: number, frames: number, windowMs: number): ScrubFrameTiming;
  /**
   * Appends the prepared batch to the store alone (no upload, no layer), timed: for the store's cost
   * amortised over many batches, every column growth and id index move included.
   */
  appendPreparedToStore(): number;
  /** Waits until the GPU process has caught up, so one sample's rasterising does not bleed into the next. */
  settle(): Promise<void>;
}
