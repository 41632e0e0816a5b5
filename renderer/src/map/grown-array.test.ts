import { describe, expect, it } from 'vitest';
import { grownArray } from './grown-array';

describe('grownArray', () => {
  it('given a column with stale values past what is used, when grown, then the used part is kept, the rest is zero and the type stays', () => {
    const column = Float64Array.of(1.5, 2.5, 99, 99);
    const grown = grownArray(column, 6, 2);
    expect(grown).toBeInstanceOf(Float64Array);
    expect([...grown]).toEqual([1.5, 2.5, 0, 0, 0, 0]);
    expect([...column]).toEqual([1.5, 2.5, 99, 99]);
  });
});
