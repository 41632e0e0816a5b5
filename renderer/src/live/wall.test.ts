import { EMPTY_OPS_STATE, foldEvents } from '@watchfloor/shared';
import { actorOf, hitRaised, officers, T0 } from '@watchfloor/shared/testing';
import { describe, expect, it } from 'vitest';
import { buildQueueIndex } from '../queue/queue-index';
import { DEFAULT_QUEUE_FILTER } from '../queue/queue-model';
import { landsOnWall, wallFigures } from './wall';

describe('the wall display', () => {
  it('given each role, then only the observer lands on the wall', () => {
    expect(landsOnWall(officers.wall)).toBe(true);
    for (const officer of [officers.duty, officers.lead, officers.admin, officers.abuja]) expect(landsOnWall(officer)).toBe(false);
    expect(landsOnWall({ id: 'off-dpo', name: 'Data Protection', role: 'auditor' })).toBe(false);
  });

  it('given the queue’s counts, then the wall shows the same open, critical and unacknowledged figures and the oldest wait on the screen’s clock', () => {
    const { state } = foldEvents(EMPTY_OPS_STATE, [
      hitRaised(1, { id: 'a', severity: 'critical', at: T0 }),
      hitRaised(2, { id: 'b', severity: 'critical', at: T0 + 60_000 }),
      hitRaised(3, { id: 'c', severity: 'low', at: T0 + 30_000 }),
      hitRaised(4, { id: 'd', severity: 'high', at: T0 + 90_000 }),
      { seq: 5, at: T0, type: 'alert.acknowledged', alertId: 'a', by: actorOf(officers.duty) },
      { seq: 6, at: T0, type: 'alert.resolved', alertId: 'd', outcome: 'no-action', final: true, by: actorOf(officers.lead) },
    ]);
    const counts = buildQueueIndex(state.alerts.values(), DEFAULT_QUEUE_FILTER, officers.wall, { name: (id) => id, kind: () => undefined }).view().counts;
    expect(wallFigures(counts, T0 + 300_000)).toEqual({ open: 3, critical: 2, unacknowledged: 2, oldestWaitingMs: 270_000 });
  });

  it('given nothing waiting, then there is no oldest wait', () => {
    const counts = buildQueueIndex([], DEFAULT_QUEUE_FILTER, officers.wall, { name: (id) => id, kind: () => undefined }).view().counts;
    expect(wallFigures(counts, T0)).toEqual({ open: 0, critical: 0, unacknowledged: 0, oldestWaitingMs: undefined });
  });
});
