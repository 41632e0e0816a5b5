import {
  SEVERITIES,
  SEVERITY_RANK,
  compareUrgency,
  conflict,
  isEscalatedTo,
  isOpen,
  isUnacknowledged,
  operationFigures,
  optimisticAlert,
  withinScope,
  type Alert,
  type Command,
  type OpsEvent,
  type Severity,
} from '@watchfloor/shared';
import { T0, aHit, actorOf, officers } from '@watchfloor/shared/testing';
import fc from 'fast-check';
import i18next from 'i18next';
import { describe, expect, it, vi } from 'vitest';
import { syncAlertView, type SyncedView } from '../data/alert-view-sync';
import { createLiveStore } from '../data/live-store';
import { createAlertSummaryView, type AlertSummaryView } from '../desktop/alert-summary';
import { en } from '../i18n/en';
import { countFigures, type FiguresView } from '../status/figures-view';
import { countHitRate, type HitRate } from '../status/hit-rate';
import { buildQueueIndex, type QueueCounts, type QueueIndex } from './queue-index';
import { matches, type CheckpointLookup, type QueueFilter } from './queue-model';

await i18next.init({ lng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false } });

/** The full computations the incremental views replace: every alert filtered, sorted and counted again. */
const oracle = {
  rows: (alerts: Iterable<Alert>, filter: QueueFilter, lookup: CheckpointLookup) =>
    [...alerts].filter((alert) => matches(alert, filter, officer, lookup)).sort(compareUrgency).map((alert) => alert.id),
  counts(alerts: Iterable<Alert>): QueueCounts {
    const bySeverity: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
    let open = 0;
    let unacknowledged = 0;
    let mine = 0;
    let oldestWaitingAt: number | undefined;
    for (const alert of alerts) {
      if (!isOpen(alert)) continue;
      open += 1;
      bySeverity[alert.hit.severity] += 1;
      if (alert.holder === undefined) {
        unacknowledged += 1;
        oldestWaitingAt = Math.min(oldestWaitingAt ?? Infinity, alert.hit.at);
      }
      if (alert.holder?.id === officer.id) mine += 1;
    }
    return { open, unacknowledged, mine, bySeverity, oldestWaitingAt };
  },
  summary(alerts: Iterable<Alert>) {
    const open = [...alerts].filter((alert) => isOpen(alert) && withinScope(officer, alert));
    const newest = (list: Alert[]) =>
      list
        .sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : 1))
        .slice(0, 200)
        .map((alert) => alert.id);
    return {
      unacknowledged: open.filter(isUnacknowledged).length,
      critical: newest(open.filter((alert) => isUnacknowledged(alert) && SEVERITY_RANK[alert.hit.severity] === SEVERITY_RANK.critical)),
      escalatedToMe: newest(open.filter((alert) => alert.status === 'escalated' && isEscalatedTo(officer, alert))),
    };
  },
};

/** The confirmed alerts with every pending command projected over them, in the order given. */
function overlaid(confirmed: ReadonlyMap<string, Alert>, pending: Iterable<{ readonly command: Command; readonly sentAt: number }>): Map<string, Alert> {
  const alerts = new Map(confirmed);
  for (const { command, sentAt } of pending) {
    const current = alerts.get(command.alertId);
    const projected = current && optimisticAlert(officer, command, current, sentAt);
    if (projected !== undefined) alerts.set(projected.id, projected);
  }
  return alerts;
}

const officer = officers.lead;
const lookup: CheckpointLookup = { name: (id) => (id === 'cp-los' ? 'Lagos Murtala Muhammed' : id), kind: (id) => (id === 'cp-los' ? 'airport' : 'seaport') };

type Step =
  | { readonly kind: 'raise'; readonly severity: Severity; readonly country: 'NG' | 'BJ'; readonly checkpoint: 'cp-los' | 'cp-coo'; readonly at: number }
  | { readonly kind: 'act'; readonly pick: number; readonly verb: 'acknowledge' | 'escalate' | 'resolve' }
  | { readonly kind: 'command'; readonly pick: number; readonly verb: 'acknowledge' | 'resolve' }
  | { readonly kind: 'answer'; readonly pick: number; readonly ok: boolean }
  | { readonly kind: 'filter'; readonly filter: QueueFilter }
  | { readonly kind: 'look' };

const filters: fc.Arbitrary<QueueFilter> = fc.record({
  status: fc.constantFrom('open', 'unacknowledged', 'resolved', 'all'),
  severities: fc.subarray([...SEVERITIES]),
  mine: fc.boolean(),
  text: fc.constantFrom('', 'lagos', 'hit-1', 'bj'),
  sources: fc.constantFrom([], ['sltd'], ['dna']),
  countries: fc.constantFrom([], ['NG'], ['BJ']),
  kinds: fc.constantFrom([], ['airport'], ['seaport']),
});

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('raise' as const),
      severity: fc.constantFrom(...SEVERITIES),
      country: fc.constantFrom('NG' as const, 'BJ' as const),
      checkpoint: fc.constantFrom('cp-los' as const, 'cp-coo' as const),
      at: fc.nat(5).map((minute) => T0 + minute * 60_000),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('act' as const), pick: fc.nat(), verb: fc.constantFrom('acknowledge' as const, 'escalate' as const, 'resolve' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('command' as const), pick: fc.nat(), verb: fc.constantFrom('acknowledge' as const, 'resolve' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('answer' as const), pick: fc.nat(), ok: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('filter' as const), filter: filters }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'look' as const }) },
);

describe('the live picture and the views kept up to date per changed alert', () => {
  it('given any live batches, pending commands, answers and filter changes, then the pending overlay, the queue, its counts, the desktop summary, the figures and the hit rate equal a full re-computation', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    fc.assert(
      fc.property(fc.array(fc.array(step, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 25 }), (batches) => {
        const store = createLiveStore((flush) => flush(), (command, alert, at) => optimisticAlert(officer, command, alert, at));
        let filter: QueueFilter = { status: 'open', severities: [], mine: false, text: '', sources: [], countries: [], kinds: [] };
        let queue: SyncedView<QueueIndex> | undefined;
        let summary: SyncedView<AlertSummaryView> | undefined;
        let hitRate: SyncedView<HitRate> | undefined;
        let figures: SyncedView<FiguresView> | undefined;
        let seq = 0;
        let raised = 0;
        const sent: Command[] = [];
        const ids = () => [...store.getSnapshot().confirmed.alerts.keys()];
        const look = () => {
          queue = syncAlertView(store, queue, [filter], (alerts) => buildQueueIndex(alerts, filter, officer, lookup));
          summary = syncAlertView(store, summary, [], (alerts) => createAlertSummaryView(alerts, officer));
          hitRate = syncAlertView(store, hitRate, [], countHitRate);
          figures = syncAlertView(store, figures, [], (alerts) => countFigures(alerts, undefined));
          const snapshot = store.getSnapshot();
          const alerts = snapshot.state.alerts;
          expect(new Map(alerts)).toEqual(overlaid(snapshot.confirmed.alerts, snapshot.pending.values()));
          const { rows, counts } = queue.view.view();
          expect(Array.from({ length: rows.length }, (_, i) => rows.at(i).id)).toEqual(oracle.rows(alerts.values(), filter, lookup));
          expect(counts).toEqual(oracle.counts(alerts.values()));
          const shown = summary.view.summary();
          expect({ ...shown, critical: shown.critical.map((n) => n.alertId), escalatedToMe: shown.escalatedToMe.map((n) => n.alertId) }).toEqual(
            oracle.summary(alerts.values()),
          );
          expect(figures.view.figures()).toEqual(operationFigures(alerts.values(), undefined));
          const minutes = [...alerts.values()].filter((alert) => alert.hit.at >= T0 && alert.hit.at < T0 + 6 * 60_000);
          expect(hitRate.view.series(T0 + 6 * 60_000 - 1, 6, 60_000)).toEqual(
            Array.from({ length: 6 }, (_, minute) => minutes.filter((alert) => Math.floor((alert.hit.at - T0) / 60_000) === minute).length),
          );
        };
        for (const batch of batches) {
          const events: OpsEvent[] = [];
          for (const s of batch) {
            const at = T0 + seq * 1000;
            const known = ids();
            const target = (pick: number) => known[pick % Math.max(1, known.length)];
            if (s.kind === 'raise') {
              raised += 1;
              const hit = aHit({ id: `hit-${raised}`, severity: s.severity, country: s.country, recordOwner: s.country, checkpointId: s.checkpoint, at: s.at });
              events.push({ seq: ++seq, at, type: 'hit.raised', hit });
            } else if (s.kind === 'act' && target(s.pick) !== undefined) {
              const alertId = target(s.pick)!;
              const by = actorOf(s.pick % 2 === 0 ? officer : officers.duty);
              if (s.verb === 'acknowledge') events.push({ seq: ++seq, at, type: 'alert.acknowledged', alertId, by });
              else if (s.verb === 'escalate') events.push({ seq: ++seq, at, type: 'alert.escalated', alertId, level: 1, reason: 'help', auto: false, by });
              else events.push({ seq: ++seq, at, type: 'alert.resolved', alertId, outcome: 'no-action', final: true, by });
            } else if (s.kind === 'command' && target(s.pick) !== undefined) {
              const command: Command =
                s.verb === 'acknowledge'
                  ? { type: 'acknowledge', alertId: target(s.pick)!, mutationId: `m-${sent.length}` }
                  : { type: 'resolve', alertId: target(s.pick)!, outcome: 'no-action', mutationId: `m-${sent.length}` };
              sent.push(command);
              store.commandQueued(command, at);
            } else if (s.kind === 'answer' && sent.length > 0) {
              const command = sent[s.pick % sent.length]!;
              store.commandAnswered(command, s.ok ? { ok: true, seq: seq + 1 } : conflict('held-by-other', { name: 'Bola' }));
            } else if (s.kind === 'filter') filter = s.filter;
            else if (s.kind === 'look') look();
          }
          if (events.length > 0) store.applyBatch(events, { after: store.getSnapshot().through, through: seq });
        }
        look();
      }),
      { numRuns: 150 },
    );
  });
});
