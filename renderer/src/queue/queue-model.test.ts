import { EMPTY_OPS_STATE, foldEvents, type Alert, type Officer } from '@watchfloor/shared';
import { T0, actorOf, hitRaised, officers } from '@watchfloor/shared/testing';
import { describe, expect, it } from 'vitest';
import type { QueueRows } from './ordered-rows';
import { buildQueueIndex } from './queue-index';
import { DEFAULT_QUEUE_FILTER, urgencyOf, type CheckpointLookup, type QueueFilter } from './queue-model';

const BARE: CheckpointLookup = { name: (id) => id, kind: () => undefined };

function listed(rows: QueueRows): Alert[] {
  return Array.from({ length: rows.length }, (_, i) => rows.at(i));
}

function queueRows(alerts: Alert[], filter: QueueFilter, officer: Officer, lookup = BARE): Alert[] {
  return listed(buildQueueIndex(alerts, filter, officer, lookup).view().rows);
}

function queueCounts(alerts: Alert[], officer: Officer) {
  return buildQueueIndex(alerts, DEFAULT_QUEUE_FILTER, officer, BARE).view().counts;
}

function alerts(): Alert[] {
  const { state } = foldEvents(EMPTY_OPS_STATE, [
    hitRaised(1, { id: 'low-old', severity: 'low', at: T0 }),
    hitRaised(2, { id: 'crit-new', severity: 'critical', at: T0 + 60_000 }),
    hitRaised(3, { id: 'crit-old', severity: 'critical', at: T0 }),
    hitRaised(4, { id: 'high', severity: 'high', at: T0 }),
    { seq: 5, at: T0, type: 'alert.acknowledged', alertId: 'high', by: actorOf(officers.duty) },
    { seq: 6, at: T0, type: 'alert.resolved', alertId: 'low-old', outcome: 'no-action', final: true, by: actorOf(officers.lead) },
  ]);
  return [...state.alerts.values()];
}

describe('alert queue order and filters', () => {
  it('given open alerts, then the most severe come first and, within a severity, the oldest', () => {
    expect(queueRows(alerts(), DEFAULT_QUEUE_FILTER, officers.duty).map((a) => a.id)).toEqual(['crit-old', 'crit-new', 'high']);
  });

  it('given "all", then resolved alerts follow the open ones', () => {
    expect(queueRows(alerts(), { ...DEFAULT_QUEUE_FILTER, status: 'all' }, officers.duty).map((a) => a.id)).toEqual([
      'crit-old',
      'crit-new',
      'high',
      'low-old',
    ]);
  });

  it('given "my alerts", then only those the officer holds are shown', () => {
    expect(queueRows(alerts(), { ...DEFAULT_QUEUE_FILTER, mine: true }, officers.duty).map((a) => a.id)).toEqual(['high']);
    expect(queueRows(alerts(), { ...DEFAULT_QUEUE_FILTER, mine: true }, officers.lead)).toEqual([]);
  });

  it('given search text, then only alerts whose reference, checkpoint or summary match are shown', () => {
    const names = { name: (id: string) => (id === 'cp-los' ? 'Lagos Murtala Muhammed' : id), kind: () => undefined };
    expect(queueRows(alerts(), { ...DEFAULT_QUEUE_FILTER, status: 'all', text: 'crit-n' }, officers.duty, names).map((a) => a.id)).toEqual(['crit-new']);
    expect(queueRows(alerts(), { ...DEFAULT_QUEUE_FILTER, text: 'lagos' }, officers.duty, names)).toHaveLength(3);
    expect(queueRows(alerts(), { ...DEFAULT_QUEUE_FILTER, text: 'nowhere' }, officers.duty, names)).toEqual([]);
  });

  it('given source, country and checkpoint kind filters, then only alerts matching all of them are shown', () => {
    const lookup = { name: (id: string) => id, kind: () => 'airport' as const };
    expect(queueRows(alerts(), { ...DEFAULT_QUEUE_FILTER, sources: ['sltd'] }, officers.duty, lookup)).toHaveLength(3);
    expect(queueRows(alerts(), { ...DEFAULT_QUEUE_FILTER, sources: ['dna'] }, officers.duty, lookup)).toEqual([]);
    expect(queueRows(alerts(), { ...DEFAULT_QUEUE_FILTER, countries: ['BJ'] }, officers.duty, lookup)).toEqual([]);
    expect(queueRows(alerts(), { ...DEFAULT_QUEUE_FILTER, kinds: ['seaport'] }, officers.duty, lookup)).toEqual([]);
    expect(queueRows(alerts(), { ...DEFAULT_QUEUE_FILTER, kinds: ['airport'], countries: ['NG'] }, officers.duty, lookup)).toHaveLength(3);
  });

  it('given the alerts, then the counts split open ones by severity and holder', () => {
    expect(queueCounts(alerts(), officers.duty)).toEqual({
      open: 3,
      unacknowledged: 2,
      mine: 1,
      bySeverity: { critical: 2, high: 1, medium: 0, low: 0 },
      oldestWaitingAt: T0,
    });
  });

  it('given the oldest waiting alert is acknowledged, then the next oldest unacknowledged one is the oldest waiting', () => {
    const all = alerts();
    const index = buildQueueIndex(all, DEFAULT_QUEUE_FILTER, officers.duty, BARE);
    const oldest = all.find((alert) => alert.id === 'crit-old')!;
    index.update(oldest, { ...oldest, status: 'acknowledged', holder: actorOf(officers.duty) });
    expect(index.view().counts.oldestWaitingAt).toBe(T0 + 60_000);
    const next = all.find((alert) => alert.id === 'crit-new')!;
    index.update(next, { ...next, status: 'acknowledged', holder: actorOf(officers.duty) });
    expect(index.view().counts.oldestWaitingAt).toBeUndefined();
  });

  it('given a new critical alert, then its timer turns soon, urgent and overdue as the two-minute deadline nears', () => {
    const critical = alerts().find((a) => a.id === 'crit-old')!;
    const raised = critical.raisedAt;
    expect(urgencyOf(critical, raised + 10_000).urgency).toBe('calm');
    expect(urgencyOf(critical, raised + 70_000).urgency).toBe('soon');
    expect(urgencyOf(critical, raised + 100_000).urgency).toBe('urgent');
    expect(urgencyOf(critical, raised + 121_000).urgency).toBe('overdue');
  });
});
