import { raiseAlert, type Alert } from '@watchfloor/shared';
import { hitRaised } from '@watchfloor/shared/testing';
import { describe, expect, it } from 'vitest';
import { createOrderedRows, type QueueRows, type RowOrder } from './ordered-rows';

const alertAt = (n: number): Alert => raiseAlert(hitRaised(n, { id: `hit-${String(n).padStart(5, '0')}`, at: n }));
const byTime: RowOrder = { key: (alert) => alert.hit.at, tie: (a, b) => a.id.localeCompare(b.id) };
const ids = (rows: QueueRows) => Array.from({ length: rows.length }, (_, i) => rows.at(i).id);

describe('ordered rows', () => {
  it('given rows inserted in any order, then they read back in order and each is found where it is', () => {
    const rows = createOrderedRows(byTime);
    const order = Array.from({ length: 3000 }, (_, i) => (i * 7919) % 3000);
    for (const n of order) rows.insert(alertAt(n));
    expect(rows.length).toBe(3000);
    expect(ids(rows)).toEqual(Array.from({ length: 3000 }, (_, n) => alertAt(n).id));
    expect(rows.indexOf(alertAt(1234))).toBe(1234);
    expect(rows.indexOf(alertAt(5000))).toBe(-1);
  });

  it('given rows removed, then the rest close up and a row not held is not removed', () => {
    const rows = createOrderedRows(byTime, Array.from({ length: 2000 }, (_, n) => alertAt(n)));
    for (let n = 0; n < 2000; n += 2) expect(rows.remove(alertAt(n))).toBe(true);
    expect(rows.remove(alertAt(0))).toBe(false);
    expect(rows.length).toBe(1000);
    expect(rows.at(0).id).toBe(alertAt(1).id);
    expect(rows.at(999).id).toBe(alertAt(1999).id);
    expect(rows.indexOf(alertAt(1001))).toBe(500);
  });

  it('given rows of equal key, then they read back in the order of the tie and each is found and removed', () => {
    const sameTime = (n: number): Alert => raiseAlert(hitRaised(n, { id: `hit-${String(n).padStart(5, '0')}`, at: Math.floor(n / 700) }));
    const rows = createOrderedRows(byTime, Array.from({ length: 2100 }, (_, n) => sameTime(2099 - n)));
    expect(ids(rows)).toEqual(Array.from({ length: 2100 }, (_, n) => sameTime(n).id));
    expect(rows.indexOf(sameTime(1500))).toBe(1500);
    for (let n = 0; n < 2100; n += 3) expect(rows.remove(sameTime(n))).toBe(true);
    rows.insert(sameTime(0));
    expect(rows.length).toBe(1401);
    expect(ids(rows)).toEqual(Array.from({ length: 2100 }, (_, n) => n).filter((n) => n === 0 || n % 3 !== 0).map((n) => sameTime(n).id));
  });

  it('given every row removed and one added, then it is the only row', () => {
    const rows = createOrderedRows(byTime, [alertAt(1), alertAt(2)]);
    rows.remove(alertAt(1));
    rows.remove(alertAt(2));
    rows.insert(alertAt(3));
    expect(ids(rows)).toEqual([alertAt(3).id]);
    expect(() => rows.at(1)).toThrow(RangeError);
  });
});
