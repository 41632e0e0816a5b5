import { hitRaised } from '@watchfloor/shared/testing';
import { describe, expect, it } from 'vitest';
import { readEvents } from './event-reader';

describe('reading the hub events one by one', () => {
  it('given readable events around unreadable ones, then the readable ones keep their order and each other one is named by its seq', () => {
    const read = readEvents([hitRaised(1), { ...hitRaised(2), at: 'yesterday' }, hitRaised(3, { id: 'hit-3' })]);
    expect(read.events.map((event) => event.seq)).toEqual([1, 3]);
    expect(read.unreadable).toEqual([{ seq: 2, problem: expect.stringContaining('at') }]);
    expect(read.skippedTypes).toEqual([]);
  });

  it('given an unreadable event whose seq is itself unreadable, then it is reported without one', () => {
    const read = readEvents([{ ...hitRaised(1), seq: -4 }, { ...hitRaised(2), seq: '2' }, 'hit', null]);
    expect(read.events).toEqual([]);
    expect(read.unreadable.map((event) => event.seq)).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('given events of types this console does not know, then they are skipped, named once, and not unreadable', () => {
    const read = readEvents([{ seq: 1, type: 'checkpoint.renamed' }, hitRaised(2), { seq: 3, type: 'checkpoint.renamed' }, { seq: 4, type: 'shift.changed' }]);
    expect(read.events.map((event) => event.seq)).toEqual([2]);
    expect(read.unreadable).toEqual([]);
    expect(read.skippedTypes).toEqual(['checkpoint.renamed', 'shift.changed']);
  });

  it('given an event of a known type with a missing field, then it is unreadable, not skipped', () => {
    const { hit: _hit, ...withoutHit } = hitRaised(5);
    expect(readEvents([withoutHit]).unreadable).toEqual([{ seq: 5, problem: expect.stringContaining('hit') }]);
  });
});
