import { describe, expect, it } from 'vitest';
import { T0, actorOf, hitRaised, officers } from '../testing/builders';
import { raiseAlert, reduceAlert, type Alert } from './lifecycle';
import { compareUrgency, urgencyRank } from './urgency-order';

const duty = actorOf(officers.duty);

function anAlert(id: string, severity: Alert['hit']['severity'], atSeq: number, resolved = false): Alert {
  const alert = raiseAlert(hitRaised(atSeq, { id, severity, at: T0 + atSeq * 1000 }));
  if (!resolved) return alert;
  const result = reduceAlert(alert, { seq: atSeq + 100, at: T0 + 200_000, type: 'alert.resolved', alertId: id, outcome: 'no-action', final: true, by: duty });
  if (!result.ok) throw new Error(result.reason);
  return result.alert;
}

describe('urgency order', () => {
  it('given open and resolved alerts of every severity, when sorted, then open come first, most severe first, oldest hit first, ties by id', () => {
    const alerts = [
      anAlert('resolved-critical', 'critical', 1, true),
      anAlert('low-old', 'low', 2),
      anAlert('high-new', 'high', 9),
      anAlert('critical-new', 'critical', 8),
      anAlert('high-old', 'high', 3),
      anAlert('resolved-low', 'low', 1, true),
      anAlert('critical-b', 'critical', 5),
      anAlert('critical-a', 'critical', 5),
    ];

    expect([...alerts].sort(compareUrgency).map((alert) => alert.id)).toEqual([
      'critical-a',
      'critical-b',
      'critical-new',
      'high-old',
      'high-new',
      'low-old',
      'resolved-critical',
      'resolved-low',
    ]);
  });

  it('given any alert, then its rank is a whole number a double holds exactly', () => {
    const rank = urgencyRank(anAlert('resolved-low', 'low', 1, true));
    expect(Number.isSafeInteger(rank)).toBe(true);
  });
});
