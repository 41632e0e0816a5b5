import { describe, expect, it } from 'vitest';
import { createHashLevels } from './hash-levels';

/** Rows stand for ids: `idOf(row)` is the id a row holds, so tests can make two rows share one. */
function levels(runRows: number, idOf: (row: number) => number = (row) => row) {
  const duplicates: number[] = [];
  const index = createHashLevels({ runRows, sameRows: (a, b) => idOf(a) === idOf(b), onDuplicate: (row) => duplicates.push(row) });
  const add = (pairs: readonly (readonly [hash: number, row: number])[]) => {
    const sorted = [...pairs].sort((a, b) => a[0] - b[0]);
    index.addSorted(new Uint32Array(sorted.map(([hash]) => hash)), new Uint32Array(sorted.map(([, row]) => row)), sorted.length);
  };
  const find = (hash: number, id: number) => index.find(hash, (row) => idOf(row) === id);
  return { index, add, find, duplicates };
}

/** A spread of 32-bit hashes, with collisions between different ids now and then. */
const hashOf = (id: number) => (Math.imul(id % 5_000, 0x9e3779b1) ^ ((id % 7) << 3)) >>> 0;

describe('HashLevels', () => {
  it('given many runs added, when looked up, then every pair is found across the merged runs and absent ones are not', () => {
    const { index, add, find } = levels(8);
    let row = 0;
    for (let run = 0; run < 37; run++) add(Array.from({ length: 1 + (run % 8) }, () => [hashOf(row), row++] as const));
    expect(index.size).toBe(row);
    for (let id = 0; id < row; id++) expect(find(hashOf(id), id)).toBe(id);
    expect(find(hashOf(row), row)).toBe(-1);
    expect(find(0xffffffff, 123_456)).toBe(-1);
  });

  it('given an id added again in a later run, when the runs merge, then the lower row keeps it and the other is reported', () => {
    // Rows 0..15 hold ids 0..15; row 100 holds id 3 again and row 1 holds what row 101 holds too.
    const idOf = (row: number) => (row === 100 ? 3 : row === 101 ? 1 : row);
    const { index, add, find, duplicates } = levels(4, idOf);
    add([[hashOf(3), 100], [hashOf(20), 20]]);
    add([0, 1, 2, 3].map((r) => [hashOf(r), r] as const));
    add([[hashOf(1), 101]]);
    add([4, 5, 6, 7].map((r) => [hashOf(r), r] as const));
    expect(find(hashOf(3), 3)).toBe(3);
    expect(find(hashOf(1), 1)).toBe(1);
    expect(duplicates.sort((a, b) => a - b)).toEqual([100, 101]);
    expect(index.size).toBe(9);
  });

  it('given more pairs at once than a run holds, then it refuses rather than overrun', () => {
    const { add } = levels(2);
    expect(() => add([[1, 1], [2, 2], [3, 3]])).toThrow(/more than a run/);
  });
});
