import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection, MultiLineString, MultiPolygon, Point } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildBasemapStyle } from './basemap-style';
import { labelPoint, splitLineAtAntimeridian, splitRingAtAntimeridian } from './geometry';

const { style } = buildBasemapStyle();
const sourceData = <T>(id: string) => (style.sources[id] as unknown as { data: T }).data;

describe('basemap style', () => {
  it('given the bundled Natural Earth data, when the style is built, then it names no URL at all (no glyphs, sprite or tiles)', () => {
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    const text = JSON.stringify(style);
    expect(text).not.toMatch(/https?:|mapbox:|pmtiles:|\{z\}|"tiles"|"url"/);
    for (const source of Object.values(style.sources)) expect(source.type).toBe('geojson');
  });

  it('given the built style, when maplibre validates it, then it reports no error', () => {
    expect(validateStyleMin(style)).toEqual([]);
  });

  it('given countries crossing the antimeridian, when the style is built, then no land or border edge spans more than 180 degrees', () => {
    const land = sourceData<FeatureCollection<MultiPolygon>>('countries');
    const borders = sourceData<FeatureCollection<MultiLineString>>('borders');
    const coast = sourceData<FeatureCollection<MultiLineString>>('coast');
    const lines = [
      ...land.features.flatMap((country) => country.geometry.coordinates.flat()),
      ...borders.features[0]!.geometry.coordinates,
      ...coast.features[0]!.geometry.coordinates,
    ];
    let widest = 0;
    let furthest = 0;
    for (const line of lines) {
      for (let i = 0; i < line.length; i++) {
        furthest = Math.max(furthest, Math.abs(line[i]![0]!));
        if (i > 0) widest = Math.max(widest, Math.abs(line[i]![0]! - line[i - 1]![0]!));
      }
    }
    expect(furthest).toBeLessThanOrEqual(180);
    expect(widest).toBeLessThan(180);
  });

  it('given the style, when a duty officer looks for Antarctica, then it is not drawn and every other country has a label', () => {
    const land = sourceData<FeatureCollection<MultiPolygon, { name: string }>>('countries');
    const labels = sourceData<FeatureCollection<Point, { name: string }>>('country-labels');
    const names = land.features.map((country) => country.properties.name);
    expect(names).not.toContain('Antarctica');
    expect(names).toEqual(expect.arrayContaining(['Nigeria', 'Russia', 'Fiji', 'Chile']));
    expect(labels.features.map((label) => label.properties.name).sort()).toEqual([...names].sort());
  });

  it('given Nigeria and Chile, when their label points are placed, then they fall inside the country', () => {
    const labels = sourceData<FeatureCollection<Point, { name: string }>>('country-labels');
    const at = (name: string) => labels.features.find((label) => label.properties.name === name)!.geometry.coordinates;
    const [nigeriaLon, nigeriaLat] = at('Nigeria');
    expect(nigeriaLon).toBeGreaterThan(3);
    expect(nigeriaLon).toBeLessThan(14.5);
    expect(nigeriaLat).toBeGreaterThan(4.5);
    expect(nigeriaLat).toBeLessThan(13.8);
    const [chileLon] = at('Chile');
    expect(chileLon).toBeGreaterThan(-76);
    expect(chileLon).toBeLessThan(-66);
  });
});

describe('antimeridian geometry', () => {
  it('given a ring from 170E to 170W, when split, then it becomes one piece each side of 180', () => {
    const ring: [number, number][] = [[170, 60], [-170, 60], [-170, 65], [170, 65], [170, 60]];
    const pieces = splitRingAtAntimeridian(ring);
    expect(pieces).toHaveLength(2);
    const spans = pieces.map((piece) => [Math.min(...piece.map((p) => p[0])), Math.max(...piece.map((p) => p[0]))]);
    expect(spans).toEqual(expect.arrayContaining([[170, 180], [-180, -170]]));
  });

  it('given a line jumping from 179E to 179W, when split, then both parts end on the antimeridian', () => {
    const parts = splitLineAtAntimeridian([[178, 10], [179, 10], [-179, 12], [-178, 12]]);
    expect(parts).toEqual([
      [[178, 10], [179, 10], [180, 11]],
      [[-180, 11], [-179, 12], [-178, 12]],
    ]);
  });

  it('given a C-shaped polygon, when its label point is placed, then it lies inside the shape and not in the hole of the C', () => {
    const c: [number, number][] = [[0, 0], [10, 0], [10, 2], [2, 2], [2, 8], [10, 8], [10, 10], [0, 10], [0, 0]];
    const [x, y] = labelPoint([c]);
    expect(x).toBeLessThan(2);
    expect(y).toBeGreaterThan(0);
  });
});
