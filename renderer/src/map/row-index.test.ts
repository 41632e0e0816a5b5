import { describe, expect, it } from 'vitest';
import { createRowIndex } from './row-index';

/** Ids and their index as HitColumns keeps them: an id is pushed once the index has claimed its row. */
function anIndex(expectedRows = 0) {
  const ids: string[] = [];
  const index = createRowIndex(ids, expectedRows);
  const claim = (id: string) => {
    const held = index.claim(id, ids.length);
    if (held < 0) ids.push(id);
    return held;
  };
  return { ids, index, claim };
}

describe('RowIndex', () => {
  it('given ids claimed in order, when looked up, then each finds its own row and unknown ids find none', () => {
    const { index, claim } = anIndex();
    for (const id of ['hit-1', 'hit-2', 'a', 'b:c', 'hit-10']) expect(claim(id)).toBe(-1);
    expect(['hit-1', 'hit-2', 'a', 'b:c', 'hit-10'].map((id) => index.find(id))).toEqual([0, 1, 2, 3, 4]);
    expect(index.find('hit-3')).toBe(-1);
    expect(index.find('')).toBe(-1);
    expect(index.size).toBe(5);
  });

  it('given an id already held, when claimed again, then its row comes back and nothing is added', () => {
    const { index, ids, claim } = anIndex();
    claim('hit-1');
    claim('hit-2');
    expect(claim('hit-1')).toBe(0);
    expect(ids).toEqual(['hit-1', 'hit-2']);
    expect(index.size).toBe(2);
  });

  it('given many more ids than the table first holds, when it grows, then every id still finds its row', () => {
    const { index, claim } = anIndex();
    const wanted = Array.from({ length: 20_000 }, (_, n) => (n % 2 === 0 ? `hit-${n}` : `${n}-x`));
    wanted.forEach(claim);
    expect(wanted.map((id) => index.find(id))).toEqual(wanted.map((_, row) => row));
    expect(index.find('hit-20000')).toBe(-1);
  });
});
