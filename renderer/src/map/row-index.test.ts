import { describe, expect, it } from 'vitest';
import { createRowIndex, hashId, hashOrder, MAX_ORDERED_IDS, type EncodedIds } from './row-index';

/** Claims ids one batch at a time, as HitColumns does, and returns each id's row. */
function claim(index: ReturnType<typeof createRowIndex>, ids: readonly string[]): number[] {
  const rows = new Int32Array(ids.length);
  index.claimAll(ids, rows);
  return [...rows];
}

/** Ids as the data plane encodes them (see new-hits.ts). */
function encoded(ids: readonly string[]): EncodedIds {
  const joined = ids.join('');
  let end = 0;
  const hashes = Uint32Array.from(ids, hashId);
  return {
    count: ids.length,
    chars: Uint16Array.from(joined, (char) => char.charCodeAt(0)),
    ends: Uint32Array.from(ids, (id) => (end += id.length)),
    hashes,
    order: hashOrder(hashes),
  };
}

describe('RowIndex', () => {
  it('given ids claimed in order, when looked up, then each finds its own row and unknown ids find none', () => {
    const index = createRowIndex();
    const ids = ['hit-1', 'hit-2', 'a', 'b:c', 'hit-10'];
    expect(claim(index, ids)).toEqual([0, 1, 2, 3, 4]);
    expect(ids.map((id) => index.find(id))).toEqual([0, 1, 2, 3, 4]);
    expect(index.find('hit-3')).toBe(-1);
    expect(index.find('')).toBe(-1);
    expect(index.size).toBe(5);
    expect(index.idAt(3)).toBe('b:c');
    expect(index.idAt(5)).toBe(undefined);
  });

  it('given an id already held, when claimed again, then its row comes back and nothing is added', () => {
    const index = createRowIndex();
    claim(index, ['hit-1', 'hit-2']);
    expect(claim(index, ['hit-3', 'hit-1'])).toEqual([2, 0]);
    expect(index.size).toBe(3);
  });

  it('given one id twice in a batch, when claimed, then both get the one new row', () => {
    const index = createRowIndex();
    claim(index, ['hit-1']);
    expect(claim(index, ['hit-2', 'hit-9', 'hit-2'])).toEqual([1, 2, 1]);
    expect(index.size).toBe(3);
  });

  it('given many more ids than the table first holds, when it grows mid-way, then every id still finds its row', () => {
    const index = createRowIndex();
    const wanted = Array.from({ length: 20_000 }, (_, n) => (n % 2 === 0 ? `hit-${n}` : `${n}-x`));
    claim(index, wanted.slice(0, 300));
    claim(index, wanted.slice(300));
    expect(wanted.map((id) => index.find(id))).toEqual(wanted.map((_, row) => row));
    expect(index.find('hit-20000')).toBe(-1);
  });

  it('given ids joined by newlines, when claimed, then they get the same rows as the same ids claimed one by one', () => {
    const index = createRowIndex();
    claim(index, ['hit-1', 'hit-2']);
    const rows = new Int32Array(4);
    index.claimJoined('hit-2\nhit-3\nhit-é\nhit-3', 4, rows);
    expect([...rows]).toEqual([1, 2, 3, 2]);
    expect([0, 1, 2, 3].map((row) => index.idAt(row))).toEqual(['hit-1', 'hit-2', 'hit-3', 'hit-é']);
    expect(index.find('hit-é')).toBe(3);
    expect(index.find('hit-')).toBe(-1);
  });

  it('given ids added without indexing, when indexed in slices, then each finds its row and a repeated id is reported once', () => {
    const duplicates: number[] = [];
    const index = createRowIndex({ onDuplicate: (row) => duplicates.push(row) });
    index.addUnindexed('a\nb\nc', 3);
    index.addUnindexed('d\nb', 2);
    expect(index.size).toBe(5);
    expect(index.idAt(3)).toBe('d');
    expect(index.indexPending(2)).toBe(3);
    expect(index.indexPending(10)).toBe(0);
    expect(['a', 'b', 'c', 'd'].map((id) => index.find(id))).toEqual([0, 1, 2, 3]);
    expect(duplicates).toEqual([4]);
  });

  it('given ids not yet indexed, when an id is looked up, then the index catches up first', () => {
    const index = createRowIndex();
    index.addUnindexed('hit-1\nhit-2', 2);
    expect(index.find('hit-2')).toBe(1);
    expect(claim(index, ['hit-1', 'hit-3'])).toEqual([0, 2]);
    expect(index.indexPending(10)).toBe(0);
  });

  it('given new ids added many times over the young level, when looked up or claimed, then each finds its row in the old runs', () => {
    const index = createRowIndex({ youngRows: 8 });
    const ids = Array.from({ length: 500 }, (_, n) => `hit-${n}`);
    const rows = new Int32Array(7);
    for (let from = 0; from < ids.length; from += 7) {
      const batch = ids.slice(from, from + 7);
      index.addNew(batch, rows);
      expect([...rows.subarray(0, batch.length)]).toEqual(batch.map((_, n) => from + n));
    }
    expect(ids.map((id) => index.find(id))).toEqual(ids.map((_, row) => row));
    expect(claim(index, ['hit-3', 'hit-499', 'hit-500'])).toEqual([3, 499, 500]);
    expect(index.find('hit-501')).toBe(-1);
  });

  it('given one new id twice in a batch, when added, then both get the one new row', () => {
    const index = createRowIndex();
    const rows = new Int32Array(3);
    index.addNew(['a', 'b', 'a'], rows);
    expect([...rows]).toEqual([0, 1, 0]);
    expect(index.size).toBe(2);
  });

  it('given an id already held added as new (a store out of step), then the first row keeps it and the second is reported once the two meet', () => {
    const duplicates: number[] = [];
    const index = createRowIndex({ youngRows: 4, onDuplicate: (row) => duplicates.push(row) });
    const rows = new Int32Array(4);
    index.addNew(['a', 'b', 'c', 'd'], rows);
    index.addNew(['e', 'f', 'g', 'h'], rows);
    // 'b' sits in an old run, out of the young level's sight: it gets a second row for now...
    index.addNew(['b', 'i', 'j', 'k'], rows);
    expect(rows[0]).toBe(8);
    // ...but a lookup finds the first row all along...
    expect(index.find('b')).toBe(1);
    // ...and when the runs holding the two merge, the second row is reported (HitColumns hides it).
    index.addNew(['l', 'm', 'n', 'o'], rows);
    index.addNew(['p'], rows);
    expect(duplicates).toEqual([8]);
    expect(index.find('b')).toBe(1);
  });

  it('given cached ids waiting to be indexed, when new ids are added before they are, then both kinds are found and a repeat is reported', () => {
    const duplicates: number[] = [];
    const index = createRowIndex({ youngRows: 4, onDuplicate: (row) => duplicates.push(row) });
    index.addUnindexed('c1\nc2\nc3', 3);
    const rows = new Int32Array(2);
    index.addNew(['n1', 'c2'], rows);
    expect([...rows]).toEqual([3, 4]);
    expect(index.indexPending(10)).toBe(0);
    expect(['c1', 'c2', 'c3', 'n1'].map((id) => index.find(id))).toEqual([0, 1, 2, 3]);
    expect(duplicates).toEqual([4]);
  });

  it('given ids encoded by the data plane, when added, then each takes the next row, reads back as itself and is found, across moves to the old runs', () => {
    const index = createRowIndex({ youngRows: 8 });
    const ids = Array.from({ length: 100 }, (_, n) => `hit-${n}-${'é'.repeat(n % 3)}`);
    index.addNew(ids.slice(0, 5), new Int32Array(5));
    for (let from = 5; from < ids.length; from += 7) index.addNewEncoded(encoded(ids.slice(from, from + 7)));
    expect(index.size).toBe(100);
    expect(ids.map((_, row) => index.idAt(row))).toEqual(ids);
    expect(ids.map((id) => index.find(id))).toEqual(ids.map((_, row) => row));
    expect(claim(index, [ids[42]!, 'hit-new'])).toEqual([42, 100]);
  });

  it('given hashes, then hashOrder lists their indices by ascending hash, equal hashes in batch order', () => {
    const hashes = Uint32Array.from([7, 0xffffffff, 3, 7, 0, 3]);
    expect([...hashOrder(hashes)]).toEqual([4, 2, 5, 0, 3, 1]);
    expect(hashOrder(new Uint32Array(0)).length).toBe(0);
    expect(() => hashOrder(new Uint32Array(MAX_ORDERED_IDS + 1))).toThrow(RangeError);
  });

  it('given the same encoded batches indexed in batch order or in hash order, then every id finds the same row', () => {
    const ids = Array.from({ length: 300 }, (_, n) => `hit-${(n * 7919) % 1000}`);
    const inHashOrder = createRowIndex({ youngRows: 64 });
    const inBatchOrder = createRowIndex({ youngRows: 64 });
    for (let from = 0; from < ids.length; from += 50) {
      const batch = encoded(ids.slice(from, from + 50));
      inHashOrder.addNewEncoded(batch);
      inBatchOrder.addNewEncoded({ ...batch, order: Uint32Array.from(batch.order.keys()) });
    }
    expect(ids.map((id) => inHashOrder.find(id))).toEqual(ids.map((_, row) => row));
    expect(ids.map((id) => inBatchOrder.find(id))).toEqual(ids.map((_, row) => row));
  });

  it('given an encoded batch that holds an id twice, or one still young, then the first row keeps it and the other row is reported', () => {
    const duplicates: number[] = [];
    const index = createRowIndex({ onDuplicate: (row) => duplicates.push(row) });
    index.addNewEncoded(encoded(['a', 'b']));
    index.addNewEncoded(encoded(['c', 'a', 'c']));
    expect(index.size).toBe(5);
    expect(duplicates).toEqual([3, 4]);
    expect(['a', 'b', 'c'].map((id) => index.find(id))).toEqual([0, 1, 2]);
  });
});
