import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mulberry32 } from '../random';
import { IdMap } from './id-map';

describe('IdMap', () => {
  it('given any sequence of sets and deletes, then it holds exactly what a Map holds', () => {
    const operation = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), id: fc.string({ maxLength: 8 }), value: fc.integer() }),
      fc.record({ kind: fc.constant('delete' as const), id: fc.string({ maxLength: 8 }) }),
    );
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 200 }), (operations) => {
        const expected = new Map<string, number>();
        const map = new IdMap<number>();
        for (const op of operations) {
          if (op.kind === 'set') {
            expected.set(op.id, op.value);
            map.set(op.id, op.value);
          } else expect(map.delete(op.id)).toBe(expected.delete(op.id));
        }
        expect(map.size).toBe(expected.size);
        expect(new Map(map)).toEqual(expected);
        expect(new Set(map.keys())).toEqual(new Set(expected.keys()));
        expect([...map.values()].sort()).toEqual([...expected.values()].sort());
        for (const id of expected.keys()) expect(map.get(id)).toBe(expected.get(id));
      }),
    );
  });

  it('given the entries of a Map, when built from them, then every entry is there once and each is found', () => {
    const source = new Map<string, number>(Array.from({ length: 5000 }, (_, i) => [`hit-${i}`, i]));
    const map = new IdMap(source);
    expect(map.size).toBe(5000);
    expect(map.has('hit-4999')).toBe(true);
    expect(map.get('hit-17')).toBe(17);
    expect(map.has('hit-5000')).toBe(false);
    const seen: string[] = [];
    map.forEach((value, id) => {
      expect(source.get(id)).toBe(value);
      seen.push(id);
    });
    expect(seen).toHaveLength(5000);
  });

  it('given counter ids or random ids, then no table holds much more than its share', () => {
    const random = mulberry32(7);
    const randomHex = () => Math.floor(random() * 2 ** 32).toString(16);
    for (const id of [(i: number) => `hit-${i}`, () => `hit-${randomHex()}-${randomHex()}`]) {
      const map = new IdMap<number>();
      for (let i = 0; i < 128_000; i++) map.set(id(i), i);
      const perTable = new Map<number, number>();
      let tables = 0;
      // The tables are private; their sizes are what keeps each doubling small, so the test reads them.
      for (const table of (map as unknown as { shards: Map<string, number>[] }).shards) {
        tables += 1;
        perTable.set(tables, table.size);
      }
      expect(Math.max(...perTable.values())).toBeLessThan((2 * 128_000) / tables);
    }
  });

  it('given entries, when cleared, then it is empty and takes new ones', () => {
    const map = new IdMap([['a', 1]]);
    map.clear();
    expect(map.size).toBe(0);
    expect(map.get('a')).toBeUndefined();
    map.set('a', 2).set('a', 3);
    expect(map.size).toBe(1);
    expect(map.get('a')).toBe(3);
  });
});
