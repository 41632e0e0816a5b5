import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@watchfloor/shared';
import { createScenario, poisson } from './scenario';

const regional = [
  { id: 'ng-los', kind: 'airport', country: 'NG' },
  { id: 'bj-krake', kind: 'land-border', country: 'BJ' },
  { id: 'ng-balogun', kind: 'market', country: 'NG' },
] as const;
const worldwide = [{ id: 'ap-cdg', kind: 'airport', country: 'FR' }] as const;

describe('simulated operation', () => {
  it('given the same seed, then the same hits come out in the same order', () => {
    const a = createScenario(42, 'op-1', regional, worldwide, 'sim');
    const b = createScenario(42, 'op-1', regional, worldwide, 'sim');
    const take = (scenario: typeof a) => Array.from({ length: 200 }, (_, i) => scenario.nextHit(1_000 + i));
    expect(take(a)).toEqual(take(b));
    expect(take(createScenario(43, 'op-1', regional, worldwide, 'sim'))).not.toEqual(take(createScenario(42, 'op-1', regional, worldwide, 'sim')));
  });

  it('given many hits, then summaries are non-personal and subjects stay apart from them', () => {
    const scenario = createScenario(7, 'op-1', regional, worldwide, 'sim');
    for (let i = 0; i < 500; i += 1) {
      const hit = scenario.nextHit(i);
      expect(hit.summary).not.toContain(hit.subject.name!);
      expect(hit.summary).not.toContain(hit.subject.documentNumber!);
      expect(hit.score).toBeGreaterThanOrEqual(0);
      expect(hit.score).toBeLessThanOrEqual(1);
    }
  });

  it('given a mean per interval, then arrivals average to it over many intervals', () => {
    const random = mulberry32(3);
    for (const mean of [0.03, 0.5, 4, 40]) {
      let total = 0;
      const intervals = 20_000;
      for (let i = 0; i < intervals; i += 1) total += poisson(random, mean);
      expect(total / intervals).toBeGreaterThan(mean * 0.95);
      expect(total / intervals).toBeLessThan(mean * 1.05);
    }
    expect(poisson(random, 0)).toBe(0);
  });

  it('given seaports and land borders, then stolen vehicles show up there and not at airports', () => {
    const scenario = createScenario(11, 'op-1', regional, worldwide, 'sim');
    const sources = new Map<string, Set<string>>();
    for (let i = 0; i < 2000; i += 1) {
      const hit = scenario.nextHit(i);
      sources.set(hit.checkpointId, (sources.get(hit.checkpointId) ?? new Set()).add(hit.source));
    }
    expect(sources.get('bj-krake')?.has('smv')).toBe(true);
    expect(sources.get('ng-los')?.has('smv')).toBe(false);
  });
});
