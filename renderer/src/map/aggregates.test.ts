import { raiseAlert, type Alert, type AlertStatus, type Hit } from '@watchfloor/shared';
import { aCheckpoint, hitRaised, T0 } from '@watchfloor/shared/testing';
import { describe, expect, it } from 'vitest';
import { checkpointAggregates, newestOpenAt } from './aggregates';
import { createHitColumns } from './hit-columns';

function anAlert(n: number, hit: Partial<Hit> = {}, status: AlertStatus = 'new'): Alert {
  return { ...raiseAlert(hitRaised(n, { id: `hit-${n}`, at: T0 + n * 1000, ...hit })), status };
}

const lagos = aCheckpoint({ id: 'ng-los' });
const kano = aCheckpoint({ id: 'ng-kan', name: 'Kano' });
const cotonou = aCheckpoint({ id: 'bj-coo', name: 'Cotonou', country: 'BJ' });

describe('piles of hits at a checkpoint', () => {
  it('given hits at three checkpoints, then only those with two or more open alerts get a count, most first', () => {
    const hits = createHitColumns({ originMs: T0 });
    hits.append([
      ...[1, 2, 3].map((n) => anAlert(n, { checkpointId: 'ng-los' })),
      anAlert(4, { checkpointId: 'ng-kan' }),
      anAlert(5, { checkpointId: 'bj-coo' }),
      anAlert(6, { checkpointId: 'bj-coo' }),
      anAlert(7, { checkpointId: 'bj-coo' }, 'resolved'),
    ]);
    expect(checkpointAggregates([lagos, kano, cotonou], hits).map((pile) => [pile.checkpoint.id, pile.open])).toEqual([
      ['ng-los', 3],
      ['bj-coo', 2],
    ]);
  });

  it('given alerts that are resolved, hidden, shown again or named twice in one batch, then each checkpoint’s open count follows', () => {
    const hits = createHitColumns({ originMs: T0, initialCapacity: 2 });
    hits.append([anAlert(1, { checkpointId: 'ng-los' }), anAlert(2, { checkpointId: 'ng-los' }), anAlert(2, { checkpointId: 'ng-los' }, 'acknowledged')]);
    expect(hits.openAt('ng-los')).toBe(2);
    expect(hits.rowsAt('ng-los')).toEqual([0, 1]);
    hits.setStatus('hit-1', 'resolved');
    expect(hits.openAt('ng-los')).toBe(1);
    hits.setStatus('hit-2', undefined);
    expect(hits.openAt('ng-los')).toBe(0);
    hits.setStatus('hit-2', 'escalated');
    hits.setStatus('hit-1', 'new');
    expect(hits.openAt('ng-los')).toBe(2);
    expect(hits.openAt('nowhere')).toBe(0);
  });

  it('given a pile, then its list names the newest open alerts first, at most the limit', () => {
    const hits = createHitColumns({ originMs: T0 });
    hits.append([1, 2, 3, 4].map((n) => anAlert(n, { checkpointId: 'ng-los', severity: n === 3 ? 'critical' : 'low' })));
    hits.setStatus('hit-4', 'resolved');
    const listed = newestOpenAt(hits, 'ng-los', 2);
    expect(listed.map((entry) => [entry.alertId, entry.severity, entry.status])).toEqual([
      ['hit-3', 'critical', 'new'],
      ['hit-2', 'low', 'new'],
    ]);
    expect(listed[0]!.atMs).toBe(T0 + 3000);
  });
});
