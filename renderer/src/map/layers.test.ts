import { describe, expect, it } from 'vitest';
import { createCountrySlots, filterCategoriesFor } from './categories';
import type { HitLayerData } from './hit-buffers';
import { hitLayers, type HitLayerInput } from './layers';

const data: HitLayerData = { table: { attributes: {} }, rows: 0, rewrites: 0 };
const categories = filterCategoriesFor({}, createCountrySlots());

function frame(endSeconds: number): HitLayerInput {
  return {
    data,
    time: { range: [endSeconds - 120, endSeconds], softRange: [endSeconds - 60, endSeconds] },
    categories,
    pulsePhase: 0.3,
    pulseRange: [endSeconds - 30, endSeconds],
    selected: [3.3, 6.5],
  };
}

describe('hitLayers', () => {
  it('given a selected alert, when only the time window moves, then every layer keeps its data and categories and only the ranges change', () => {
    const [before, after] = [hitLayers(frame(600)), hitLayers(frame(660))];
    expect(after.map((layer) => layer.id)).toEqual(['hits', 'critical-pulse', 'selection']);
    after.forEach((layer, index) => {
      const previous = before[index]!;
      expect(layer.props.data).toBe(previous.props.data);
      expect((layer.props as { filterCategories?: unknown }).filterCategories).toBe((previous.props as { filterCategories?: unknown }).filterCategories);
    });
    expect((after[0]!.props as { filterRange?: unknown }).filterRange).toEqual([540, 660]);
  });

  it('given drawn hits, when more are appended to the same buffers, then every layer keeps its data and only its row count changes', () => {
    const before = hitLayers(frame(600));
    const after = hitLayers({ ...frame(600), data: { ...data, rows: 5000 } });
    after.forEach((layer, index) => {
      if (layer.id === 'selection') return;
      expect(layer.props.data).toBe(before[index]!.props.data);
      expect(layer.props.numInstances).toBe(5000);
    });
  });
});
