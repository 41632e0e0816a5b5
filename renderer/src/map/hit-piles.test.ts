import { hitRaised, T0 } from '@watchfloor/shared/testing';
import { ALERT_STATUSES, raiseAlert, SEVERITIES, type Alert, type AlertStatus, type Hit } from '@watchfloor/shared';
import { describe, expect, it } from 'vitest';
import { HIDDEN_KEY, severityStatusKey } from './categories';
import { createHitColumns, type HitColumns } from './hit-columns';
import { createHitPiles, type HitPiles } from './hit-piles';

function anAlert(n: number, hit: Partial<Hit> = {}, status: AlertStatus = 'new'): Alert {
  return { ...raiseAlert(hitRaised(n, { id: `hit-${n}`, at: T0 + n * 1000, lon: 3, lat: 6, severity: 'high', source: 'red-notice', ...hit })), status };
}

function setUp(): { hits: HitColumns; piles: HitPiles; follow(): readonly number[] } {
  const hits = createHitColumns({ originMs: T0, initialCapacity: 4 });
  const piles = createHitPiles(hits);
  return {
    hits,
    piles,
    follow() {
      piles.follow(hits.takeRewrittenRows());
      return piles.takeRewrittenRows();
    },
  };
}

/** The shown piles as (channel-0 key, time, hit row drawn), in pile order. */
function shown(piles: HitPiles): { key: number; time: number; row: number | undefined }[] {
  return Array.from({ length: piles.length }, (_, pile) => ({ key: piles.categories[pile * 4]!, time: piles.times[pile]!, row: piles.hitRowAt(pile) })).filter(
    (pile) => pile.key !== HIDDEN_KEY,
  );
}

describe('HitPiles', () => {
  it('given hits at one place that look alike, then they are one pile drawn as the newest', () => {
    const { hits, piles, follow } = setUp();
    hits.append([anAlert(1), anAlert(2), anAlert(3)]);
    follow();
    expect(shown(piles)).toEqual([{ key: severityStatusKey('high', 'new'), time: 3, row: 2 }]);
    expect(Array.from(piles.positions.subarray(0, 2))).toEqual([3, 6]);
  });

  it('given hits at other places or of another look, then each is its own pile', () => {
    const { hits, piles, follow } = setUp();
    hits.append([anAlert(1), anAlert(2, { lon: 4 }), anAlert(3, { severity: 'critical' }), anAlert(4, { source: 'sltd' }), anAlert(5, {}, 'acknowledged')]);
    follow();
    expect(shown(piles).map((pile) => pile.row)).toEqual([0, 1, 2, 3, 4]);
  });

  it('given the newest hit of a pile changes status, then the pile is drawn as the next newest and the hit joins its new look', () => {
    const { hits, piles, follow } = setUp();
    hits.append([anAlert(1), anAlert(2), anAlert(3)]);
    follow();
    hits.setStatus('hit-3', 'acknowledged');
    const rewritten = follow();
    expect(shown(piles)).toEqual([
      { key: severityStatusKey('high', 'new'), time: 2, row: 1 },
      { key: severityStatusKey('high', 'acknowledged'), time: 3, row: 2 },
    ]);
    expect(rewritten).toEqual([0, 1]);
  });

  it('given every hit leaves a pile, then the pile is hidden, and shown again when a hit comes back', () => {
    const { hits, piles, follow } = setUp();
    hits.append([anAlert(1), anAlert(2)]);
    follow();
    hits.setStatus('hit-1', 'resolved');
    hits.setStatus('hit-2', undefined);
    follow();
    expect(shown(piles)).toEqual([{ key: severityStatusKey('high', 'resolved'), time: 1, row: 0 }]);
    expect(piles.hitRowAt(0)).toBeUndefined();
    hits.setStatus('hit-2', 'new');
    follow();
    expect(shown(piles).map((pile) => pile.row)).toEqual([1, 0]);
  });

  it('given a time range, then the piles draw the whole picture only when it holds every hit', () => {
    const { hits, piles, follow } = setUp();
    expect(piles.within(0, 0)).toBe(true);
    hits.append([anAlert(10), anAlert(20)]);
    follow();
    expect(piles.within(0, 30)).toBe(true);
    expect(piles.within(0, 15)).toBe(false);
    expect(piles.within(12, 30)).toBe(false);
  });

  it('given hits after the range hidden (a past moment shown), then the range holds every hit the piles show', () => {
    const { hits, piles, follow } = setUp();
    hits.append([anAlert(10), anAlert(20)]);
    follow();
    expect(piles.within(0, 15)).toBe(false);
    hits.setStatus('hit-20', undefined);
    follow();
    expect(piles.within(0, 15)).toBe(true);
  });

  it('given a range that starts at the earliest hit, then it holds that hit as the GPU compares it, in float32', () => {
    const { hits, piles, follow } = setUp();
    hits.append([anAlert(0, { at: T0 + 700 }), anAlert(2)]);
    follow();
    expect(hits.times[0]).toBeLessThan(0.7);
    expect(piles.within(0.7, 30)).toBe(true);
  });

  it('given random hits and status changes, then the piles are always the visible hits grouped by place and look, each drawn as its newest', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
    const { hits, piles, follow } = setUp();
    let next = 1;
    for (let round = 0; round < 60; round++) {
      hits.append(Array.from({ length: 1 + Math.floor(random() * 8) }, () => anAlert(next++, { lon: pick([1, 2]), severity: pick(SEVERITIES) }, pick(ALERT_STATUSES))));
      for (let change = 0; change < 4; change++) hits.setStatus(`hit-${1 + Math.floor(random() * (next - 1))}`, random() < 0.2 ? undefined : pick(ALERT_STATUSES));
      follow();
      const expected = new Map<string, number>();
      for (let row = 0; row < hits.length; row++) {
        if (hits.categories[row * 4] === HIDDEN_KEY) continue;
        const key = `${hits.positions[row * 2]},${hits.categories.subarray(row * 4, row * 4 + 4).join()}`;
        expected.set(key, row);
      }
      const actual = new Map(
        shown(piles).map((pile) => [`${hits.positions[pile.row! * 2]},${hits.categories.subarray(pile.row! * 4, pile.row! * 4 + 4).join()}`, pile.row]),
      );
      expect(actual).toEqual(expected);
      for (const pile of shown(piles)) expect(pile.time).toBe(hits.times[pile.row!]);
    }
  });
});
