import { describe, expect, it } from 'vitest';
import { grownArray, zeroedArray } from './grown-array';

describe('grownArray', () => {
  it('given a column with stale values past what is used, when grown, then the used part is kept, the rest is zero and the type stays', () => {
    const column = Float64Array.of(1.5, 2.5, 99, 99);
    const grown = grownArray(column, 6, 2);
    expect(grown).toBeInstanceOf(Float64Array);
    expect([...grown]).toEqual([1.5, 2.5, 0, 0, 0, 0]);
    expect([...column]).toEqual([1.5, 2.5, 99, 99]);
  });

  it('given a type and a length, then zeroedArray is a new array of that type, all zeros', () => {
    const column = zeroedArray(Uint16Array, 5);
    expect(column).toBeInstanceOf(Uint16Array);
    expect([...column]).toEqual([0, 0, 0, 0, 0]);
  });
});
