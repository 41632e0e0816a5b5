/**
 * Timeline replay (design section 8): the state at any time T from snapshots plus a fold, one player for
 * live and replay, and what the timeline bar and the debrief export need. `synthetic-log` is for tests and
 * benchmarks and is not exported.
 */
export * from './snapshots';
export * from './player';
export * from './ranges';
export * from './speed';
export * from './histogram';
export * from './markers';
export * from './debrief-csv';
export * from './export-label';
