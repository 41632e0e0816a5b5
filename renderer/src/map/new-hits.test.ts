import { ALERT_STATUSES, SEVERITIES, SOURCES, type OpsEvent } from '@watchfloor/shared';
import { hitRaised, T0 } from '@watchfloor/shared/testing';
import { describe, expect, it } from 'vitest';
import { buffersOf, encodeNewHits, newHitsOf } from './new-hits';
import { hashId } from './row-index';

describe('encodeNewHits (the data plane encodes a batch of new hits for the map)', () => {
  const hits = [
    hitRaised(1, { id: 'hit-a', lon: -179.5, lat: 89, at: T0 + 1, severity: 'critical', source: 'red-notice', checkpointId: 'cp-los', country: 'NG' }).hit,
    hitRaised(2, { id: 'hit-bé', lon: 2.4, lat: 6.3, at: T0 + 2, severity: 'low', source: 'sltd', checkpointId: 'cp-cot', country: 'BJ' }).hit,
    hitRaised(3, { id: 'hit-c', lon: 3.4, lat: 6.4, at: T0 + 3, severity: 'high', source: 'sltd', checkpointId: 'cp-los', country: 'NG' }).hit,
  ];

  it('given hits, then each becomes a row as the store raises it, with dictionaries for checkpoints and countries', () => {
    const block = encodeNewHits(hits);

    expect(block.count).toBe(3);
    expect([...block.positions]).toEqual([...new Float32Array([-179.5, 89, 2.4, 6.3, 3.4, 6.4])]);
    expect([...block.atMs]).toEqual([T0 + 1, T0 + 2, T0 + 3]);
    expect([...block.severities].map((index) => SEVERITIES[index])).toEqual(['critical', 'low', 'high']);
    expect([...block.sources].map((index) => SOURCES[index])).toEqual(['red-notice', 'sltd', 'sltd']);
    expect([...block.statuses].map((index) => ALERT_STATUSES[index])).toEqual(['new', 'new', 'new']);
    expect([...block.checkpointRefs].map((ref) => block.checkpoints[ref])).toEqual(['cp-los', 'cp-cot', 'cp-los']);
    expect([...block.countryRefs].map((ref) => block.countries[ref])).toEqual(['NG', 'BJ', 'NG']);
  });

  it('given hits, then their ids are characters with ends and the same hashes the index takes', () => {
    const { ids } = encodeNewHits(hits);

    expect(String.fromCharCode(...ids.chars)).toBe('hit-ahit-béhit-c');
    expect([...ids.ends]).toEqual([5, 11, 16]);
    expect([...ids.hashes]).toEqual(['hit-a', 'hit-bé', 'hit-c'].map(hashId));
    expect([...ids.order].map((i) => ids.hashes[i])).toEqual([...ids.hashes].sort((a, b) => a - b));
  });

  it('given a block, then its buffers transfer to another thread whole, each once', () => {
    const block = encodeNewHits(hits);
    const buffers = buffersOf(block);
    expect(new Set(buffers).size).toBe(buffers.length);

    const received = structuredClone(block, { transfer: buffersOf(block) });

    expect(received.ids.ends[2]).toBe(16);
    expect(block.positions.length).toBe(0);
  });

  it('given hits from more countries than a block can name, then it says so instead of writing wrong rows', () => {
    const many = Array.from({ length: 300 }, (_, n) => hitRaised(n + 1, { country: `C${n}` }).hit);
    expect(() => encodeNewHits(many)).toThrow(RangeError);
  });

  it('given a batch, then the hits of its hit.raised events are taken in order and nothing else', () => {
    const events: OpsEvent[] = [
      hitRaised(1, { id: 'hit-a' }),
      { seq: 2, type: 'alert.acknowledged', at: T0, alertId: 'hit-a', by: { id: 'off-1', name: 'Duty' } },
      hitRaised(3, { id: 'hit-b' }),
    ];
    expect(newHitsOf(events).map((hit) => hit.id)).toEqual(['hit-a', 'hit-b']);
  });
});
