import { createRoot, type Root } from 'react-dom/client';
import { flushSync } from 'react-dom';
import type { Alert, OpsEvent } from '@watchfloor/shared';
import { createTimelineLog, type TimelineLog } from '../../data/timeline-log';
import { syncAlertView, type AlertView, type SyncedView } from '../../data/alert-view-sync';
import { createLiveStore, type LiveStore } from '../../data/live-store';
import { createAlertSummaryView, type AlertSummaryView } from '../../desktop/alert-summary';
import { initI18n } from '../../i18n';
import { createHitColumns, type HitColumns } from '../../map/hit-columns';
import { AlertQueue } from '../../queue/AlertQueue';
import { buildQueueIndex, type QueueIndex } from '../../queue/queue-index';
import { DEFAULT_QUEUE_FILTER, type CheckpointLookup } from '../../queue/queue-model';
import { countHitRate, type HitRate } from '../../status/hit-rate';
import type { BatchTiming, LiveBench } from './bench-api';
import { buildWorld, type World } from './world';
import '../../styles/app.css';

/**
 * The console's live path in the page, for the benchmark: a batch as the worker hands it to the UI thread
 * goes through the store, the map's hit columns, the views the live screen keeps (queue rows and counts,
 * desktop summary, hit rate) and React's render and commit of the virtualised queue. The map's GPU upload
 * and draw are not in it (on these machines the GPU is a software rasteriser).
 */
declare global {
  interface Window {
    liveBench?: LiveBench;
  }
}

const OFFICER = { id: 'off-duty', name: 'Ada Duty', role: 'duty-officer' } as const;
const LOOKUP: CheckpointLookup = { name: (id) => id, kind: () => undefined };
/** Stable, as the live screen's are, so rows whose alert did not change are not rendered again. */
const NOTHING = () => undefined;
const NONE_CHECKED: ReadonlySet<string> = new Set();

interface Bench {
  readonly world: World;
  readonly timeline: TimelineLog;
  readonly store: LiveStore;
  readonly columns: HitColumns;
  readonly flushes: (() => void)[];
  /** The screen's clock, which ticks once a second, not per batch. */
  readonly now: number;
  queue?: SyncedView<QueueIndex>;
  summary?: SyncedView<AlertSummaryView>;
  hitRate?: SyncedView<HitRate>;
  /** The batch made for the next `apply`. */
  next?: readonly OpsEvent[];
}

let root: Root | undefined;
let bench: Bench | undefined;

function sync<V extends AlertView>(store: LiveStore, synced: SyncedView<V> | undefined, key: readonly unknown[], build: (alerts: Iterable<Alert>) => V) {
  return syncAlertView(store, synced, key, build);
}

/** What the live screen does when the store tells it of a change: its views catch up, React renders. */
function renderScreen(b: Bench): { viewsMs: number; renderMs: number } {
  const start = performance.now();
  b.queue = sync(b.store, b.queue, [DEFAULT_QUEUE_FILTER], (alerts) => buildQueueIndex(alerts, DEFAULT_QUEUE_FILTER, OFFICER, LOOKUP));
  b.summary = sync(b.store, b.summary, [], (alerts) => createAlertSummaryView(alerts, OFFICER));
  b.hitRate = sync(b.store, b.hitRate, [], countHitRate);
  const { rows, counts } = b.queue.view.view();
  b.summary.view.summary();
  const snapshot = b.store.getSnapshot();
  b.hitRate.view.series(snapshot.confirmed.lastAt, 60, 60_000);
  const viewed = performance.now();
  flushSync(() =>
    root!.render(
      <div style={{ blockSize: '800px', display: 'flex', flexDirection: 'column' }}>
        <AlertQueue
          rows={rows}
          counts={counts}
          filter={DEFAULT_QUEUE_FILTER}
          onFilter={NOTHING}
          selectedId={undefined}
          selectedIndex={-1}
          onSelect={NOTHING}
          onOpen={NOTHING}
          checked={NONE_CHECKED}
          onToggleChecked={NOTHING}
          onBulkAcknowledge={undefined}
          snapshot={snapshot}
          officer={OFFICER}
          clock={{ at: b.now, basis: 'live' }}
          checkpointName={LOOKUP.name}
        />
      </div>,
    ),
  );
  return { viewsMs: viewed - start, renderMs: performance.now() - viewed };
}

window.liveBench = {
  async prepare(held) {
    await initI18n();
    root ??= createRoot(document.getElementById('root')!);
    // The console shows the picture first; the timeline reads the log behind it.
    const log: OpsEvent[][] = [];
    const world = buildWorld(held, (events) => log.push(events as OpsEvent[]));
    const flushes: (() => void)[] = [];
    const store = createLiveStore((flush) => flushes.push(flush));
    store.seed({ state: world.state, through: world.state.lastSeq, ageMs: undefined, pending: [] });
    const timeline = createTimelineLog(world.start, () => store.getSnapshot().confirmed.alerts);
    for (const events of log.splice(0)) timeline.take(events);
    const columns = createHitColumns({ originMs: 0, initialCapacity: held * 2 });
    columns.append([...world.state.alerts.values()]);
    bench = { world, timeline, store, columns, flushes, now: world.state.lastAt };
    for (const flush of flushes.splice(0)) flush();
    renderScreen(bench);
  },
  next(hits) {
    const startedAt = performance.now();
    bench!.next = bench!.world.nextBatch(hits);
    return { startedAt, endedAt: performance.now() };
  },
  apply(): BatchTiming {
    const b = bench!;
    const events = b.next;
    if (events === undefined) throw new Error('no batch made: call next() first');
    b.next = undefined;
    const start = performance.now();
    const effect = b.store.applyBatch(events, { after: b.store.getSnapshot().through, through: events.at(-1)!.seq });
    const stored = performance.now();
    b.timeline.takeLive(events);
    const recorded = performance.now();
    b.columns.append(effect.raised);
    b.columns.append(effect.updated);
    const appended = performance.now();
    // The store tells its listeners once per frame; the bench is that frame.
    for (const flush of b.flushes.splice(0)) flush();
    const { viewsMs, renderMs } = renderScreen(b);
    const end = performance.now();
    return {
      totalMs: end - start,
      storeMs: stored - start,
      timelineMs: recorded - stored,
      columnsMs: appended - recorded,
      viewsMs,
      renderMs,
      rows: b.queue!.view.view().rows.length,
      rendered: document.querySelectorAll('[data-alert-id]').length,
      window: { startedAt: start, endedAt: end },
    };
  },
};
