import { raiseAlert, type Alert } from '@watchfloor/shared';
import { actorOf, hitRaised, officers } from '@watchfloor/shared/testing';
import { describe, expect, it } from 'vitest';
import { nextNeedingAction } from './next-alert';
import type { QueueRows } from './ordered-rows';

function rowsOf(alerts: readonly Alert[]): QueueRows {
  return { length: alerts.length, at: (index) => alerts[index]!, indexOf: (alert) => alerts.findIndex((row) => row.id === alert.id) };
}

const fresh = (seq: number, country = 'NG'): Alert => raiseAlert(hitRaised(seq, { id: `hit-${seq}`, country }));
const held = (seq: number): Alert => ({ ...fresh(seq), status: 'acknowledged', holder: actorOf(officers.duty2) });

describe('nextNeedingAction', () => {
  it('given rows below the handled one, when it is acknowledged, then the next unacknowledged row below is chosen, skipping held ones', () => {
    const rows = [fresh(1), fresh(2), held(3), fresh(4)];
    expect(nextNeedingAction(rowsOf(rows), rows[1]!, officers.duty)?.id).toBe('hit-4');
  });

  it('given nothing below needs action, then the search goes on from the top', () => {
    const rows = [fresh(1), held(2), fresh(3)];
    expect(nextNeedingAction(rowsOf(rows), rows[2]!, officers.duty)?.id).toBe('hit-1');
  });

  it('given no other row needs action, then there is none and the selection stays', () => {
    const rows = [held(1), fresh(2)];
    expect(nextNeedingAction(rowsOf(rows), rows[1]!, officers.duty)).toBeUndefined();
  });

  it('given a scoped officer, then rows outside the scope are never chosen', () => {
    const rows = [fresh(1), fresh(2, 'BJ'), fresh(3)];
    expect(nextNeedingAction(rowsOf(rows), rows[0]!, officers.abuja)?.id).toBe('hit-3');
  });
});
