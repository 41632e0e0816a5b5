import { describe, expect, it } from 'vitest';
import { addRange, covers, coveredThrough } from './ranges';

describe('held time ranges', () => {
  it('given disjoint ranges, when one bridging them is added, then they merge into one', () => {
    const ranges = addRange(addRange([], { from: 0, to: 10 }), { from: 20, to: 30 });
    expect(ranges).toEqual([{ from: 0, to: 10 }, { from: 20, to: 30 }]);
    expect(addRange(ranges, { from: 10, to: 20 })).toEqual([{ from: 0, to: 30 }]);
  });

  it('given ranges, when one is added before, between or after, then the list stays sorted', () => {
    const ranges = [{ from: 10, to: 20 }, { from: 40, to: 50 }];
    expect(addRange(ranges, { from: 0, to: 5 })).toEqual([{ from: 0, to: 5 }, ...ranges]);
    expect(addRange(ranges, { from: 25, to: 30 })).toEqual([ranges[0], { from: 25, to: 30 }, ranges[1]]);
    expect(addRange(ranges, { from: 60, to: 70 })).toEqual([...ranges, { from: 60, to: 70 }]);
  });

  it('given a gap, when coverage from the start is asked, then it stops at the gap', () => {
    const ranges = [{ from: 0, to: 10 }, { from: 20, to: 30 }];
    expect(coveredThrough(ranges, 0)).toBe(10);
    expect(coveredThrough(ranges, 15)).toBeUndefined();
    expect(covers(ranges, 0, 10)).toBe(true);
    expect(covers(ranges, 0, 25)).toBe(false);
  });
});
