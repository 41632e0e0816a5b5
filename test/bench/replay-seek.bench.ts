import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { EMPTY_OPS_STATE, foldEvents, type OpsEvent, type OpsState } from '@watchfloor/shared';
import { createReplayIndex, DEFAULT_SNAPSHOT_EVERY } from '../../shared/replay/snapshots';
import { mulberry32 } from '../../shared/random';
import { syntheticLog } from '../../shared/replay/synthetic-log';
import { percentile, type Bench, type Measurement } from './report';

/**
 * Issue #6: seek to random times in a 24-hour operation of 1,000,000 events (a realistic mix from a fixed
 * seed), with the replay index (nearest snapshot + fold of the events after it), side by side with a fold
 * from the first event for the very same times. Also the index build time and the memory it holds.
 *
 * A fold from the first event costs a second or so at 1M events, so it runs on the first BASELINE_SEEKS
 * of the same random times; the speed-up compares medians over those shared times.
 */
const EVENTS = 1_000_000;
const DAY = 24 * 3_600_000;
const START = Date.UTC(2026, 10, 22, 6, 0, 0);
const SEEKS = 300;
const BASELINE_SEEKS = 12;
const SEED = 20261122;

/** A full garbage collection before reading the heap, so the figure is what the index keeps, not litter. */
const collectGarbage: () => void = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

function heapUsed(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/** Touches what a screen reads after a seek, so a lazy answer cannot look faster than it is. */
function consume(state: OpsState): number {
  return state.alerts.size + state.checkpoints.size + state.lastSeq;
}

/**
 * Memory side by side: the heap one state of the whole log takes (what any client holds anyway), measured
 * in its own frame so it is released before the index is built.
 */
function oneStateHeap(events: readonly OpsEvent[]): { readonly bytes: number; readonly alerts: number } {
  const before = heapUsed();
  const state = foldEvents(EMPTY_OPS_STATE, events).state;
  return { bytes: heapUsed() - before, alerts: state.alerts.size };
}

function time(action: () => number): number {
  const started = performance.now();
  action();
  return performance.now() - started;
}

export const bench: Bench = {
  name: `replay-seek: random seeks in a 24 h operation of ${EVENTS.toLocaleString('en')} events, snapshots + fold vs fold from the first event`,
  async run() {
    console.log('  generating the operation log…');
    const events = syntheticLog({ seed: SEED, events: EVENTS, start: START, durationMs: DAY, checkpoints: 400 });

    const reference = oneStateHeap(events);
    const stateBytes = reference.bytes;

    const before = heapUsed();
    const index = createReplayIndex();
    const buildMs = time(() => index.append(events).appended);
    const indexBytes = heapUsed() - before;

    const random = mulberry32(SEED + 1);
    const targets = Array.from({ length: SEEKS }, () => START + Math.floor(random() * DAY));
    // Warm the JIT on a few seeks that are not measured.
    for (let warm = 0; warm < 20; warm += 1) consume(index.stateAt(START + Math.floor(random() * DAY)));
    console.log(`  index built; ${SEEKS} seeks with the index, ${BASELINE_SEEKS} folds from the first event…`);

    const seekMs = targets.map((target) => time(() => consume(index.stateAt(target))));
    // The prefix of the log at each T is found before the clock starts: only the fold is timed.
    const prefixes = targets.slice(0, BASELINE_SEEKS).map((target) => events.slice(0, firstAfter(target)));
    function firstAfter(target: number): number {
      const found = events.findIndex((event) => event.at > target);
      return found === -1 ? events.length : found;
    }
    const foldMs = prefixes.map((prefix) => time(() => consume(foldEvents(EMPTY_OPS_STATE, prefix).state)));

    const sortedSeek = [...seekMs].sort((a, b) => a - b);
    const sharedSeek = seekMs.slice(0, BASELINE_SEEKS).sort((a, b) => a - b);
    const sortedFold = [...foldMs].sort((a, b) => a - b);
    const p95 = percentile(sortedSeek, 95);
    const speedUp = percentile(sortedFold, 50) / percentile(sharedSeek, 50);

    const measurements: Measurement[] = [
      { label: 'events in the log', value: events.length, unit: 'events' },
      { label: 'hits (alerts) in the log', value: reference.alerts, unit: 'alerts' },
      { label: 'index build (fold + snapshots), all events', value: buildMs, unit: 'ms' },
      { label: `snapshots (every ${DEFAULT_SNAPSHOT_EVERY} events)`, value: index.snapshotCount, unit: 'snapshots' },
      { label: 'heap of one folded state of the whole log (reference)', value: stateBytes / 2 ** 20, unit: 'MiB' },
      { label: 'heap held by the index (state, snapshots, event refs)', value: indexBytes / 2 ** 20, unit: 'MiB' },
      { label: 'index heap / one state (all snapshots included)', value: indexBytes / stateBytes, unit: 'ratio' },
      { label: 'seek with the index: p50', value: percentile(sortedSeek, 50), unit: 'ms' },
      { label: 'seek with the index: p95', value: p95, unit: 'ms' },
      { label: 'seek with the index: max', value: sortedSeek.at(-1)!, unit: 'ms' },
      { label: `fold from the first event: p50 (${BASELINE_SEEKS} of the same T)`, value: percentile(sortedFold, 50), unit: 'ms' },
      { label: 'fold from the first event: max', value: sortedFold.at(-1)!, unit: 'ms' },
      { label: `seek with the index: p50 over those ${BASELINE_SEEKS} T`, value: percentile(sharedSeek, 50), unit: 'ms' },
    ];
    return {
      name: bench.name,
      measurements,
      verdicts: [
        { target: `seek p95 under 100 ms (${SEEKS} random times)`, measured: `${p95.toFixed(2)} ms`, pass: p95 < 100 },
        {
          target: 'seek at least 20x faster than a fold from the first event (medians, same times)',
          measured: `${speedUp.toFixed(0)}x (${percentile(sortedFold, 50).toFixed(0)} ms vs ${percentile(sharedSeek, 50).toFixed(2)} ms)`,
          pass: speedUp >= 20,
        },
      ],
    };
  },
};
