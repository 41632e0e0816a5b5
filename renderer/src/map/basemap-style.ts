import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { StyleSpecification } from 'maplibre-gl';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries50m from 'world-atlas/countries-50m.json';
import { BASEMAP_COLOURS } from './palette';
import { labelPoint, ringArea, splitLineAtAntimeridian, splitRingAtAntimeridian, type Position } from './geometry';

/**
 * The basemap, built in the app from Natural Earth 1:50m countries (world-atlas): no tiles, no sprite, no
 * glyph server, no URL of any kind, so the map works on an air-gapped workstation. Country names are drawn
 * by maplibre-gl itself from local fonts: since maplibre-gl 5.11 a style without `glyphs` rasterises text
 * locally with TinySDF and reads `text-font` as a list of local font families.
 *
 * Antarctica is left out: no checkpoints there, and in Web Mercator it would be a huge white-ish slab at the
 * bottom of a wall display.
 */
type CountryProperties = { readonly name: string };
type CountriesTopology = Topology<{ countries: GeometryCollection<CountryProperties>; land: GeometryCollection }>;

export const BASEMAP_SOURCE_IDS = ['countries', 'borders', 'coast', 'country-labels'] as const;

/** Local fonts: DejaVu and Liberation ship with Debian, Segoe UI with Windows, Noto with most desktops. */
export const LABEL_FONTS = ['Noto Sans', 'DejaVu Sans', 'Segoe UI', 'Liberation Sans', 'sans-serif'];

/** Countries smaller than this (square degrees) are named only from zoom 4, where there is room. */
const MAJOR_COUNTRY_AREA = 20;

const EXCLUDED = new Set(['Antarctica']);

export interface Basemap {
  readonly style: StyleSpecification;
  readonly countryCount: number;
}

export function buildBasemapStyle(topology: CountriesTopology = countries50m as unknown as CountriesTopology): Basemap {
  const countries = feature(topology, topology.objects.countries) as FeatureCollection<Polygon | MultiPolygon, CountryProperties>;
  const kept = countries.features.filter((country) => !EXCLUDED.has(country.properties.name));
  const isKept = (country: { properties?: unknown }) => !EXCLUDED.has((country.properties as CountryProperties | undefined)?.name ?? '');

  const land: FeatureCollection<MultiPolygon, CountryProperties> = {
    type: 'FeatureCollection',
    features: kept.map((country) => ({
      type: 'Feature',
      properties: country.properties,
      geometry: { type: 'MultiPolygon', coordinates: splitPolygons(polygonsOf(country.geometry)) },
    })),
  };
  const borders = lines(mesh(topology, topology.objects.countries, (a, b) => a !== b && isKept(a) && isKept(b)));
  const coast = lines(mesh(topology, topology.objects.countries, (a, b) => a === b && isKept(a)));
  const labels: FeatureCollection<Point> = {
    type: 'FeatureCollection',
    features: land.features.flatMap((country) => labelFeature(country)),
  };

  const style: StyleSpecification = {
    version: 8,
    name: 'Watchfloor control room',
    sources: {
      countries: { type: 'geojson', data: land, tolerance: 0.5 },
      borders: { type: 'geojson', data: borders, tolerance: 0.5 },
      coast: { type: 'geojson', data: coast, tolerance: 0.5 },
      'country-labels': { type: 'geojson', data: labels },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': BASEMAP_COLOURS.sea } },
      { id: 'land', type: 'fill', source: 'countries', paint: { 'fill-color': BASEMAP_COLOURS.land, 'fill-antialias': false } },
      {
        id: 'coast',
        type: 'line',
        source: 'coast',
        paint: { 'line-color': BASEMAP_COLOURS.coast, 'line-width': ['interpolate', ['linear'], ['zoom'], 1, 0.5, 6, 1.2] },
      },
      {
        id: 'borders',
        type: 'line',
        source: 'borders',
        layout: { 'line-join': 'round' },
        paint: { 'line-color': BASEMAP_COLOURS.border, 'line-width': ['interpolate', ['linear'], ['zoom'], 1, 0.6, 6, 1.4] },
      },
      labelLayer('country-labels-major', ['>=', ['get', 'area'], MAJOR_COUNTRY_AREA], 0),
      labelLayer('country-labels-minor', ['<', ['get', 'area'], MAJOR_COUNTRY_AREA], 4),
    ],
  };
  return { style, countryCount: kept.length };
}

function labelLayer(id: string, filter: unknown[], minzoom: number): StyleSpecification['layers'][number] {
  return {
    id,
    type: 'symbol',
    source: 'country-labels',
    minzoom,
    filter: filter as never,
    layout: {
      'text-field': ['get', 'name'],
      'text-font': LABEL_FONTS,
      'text-size': ['interpolate', ['linear'], ['zoom'], 1, 9, 5, 12],
      'text-transform': 'uppercase',
      'text-letter-spacing': 0.08,
      'text-max-width': 7,
      // Bigger countries claim their place first; collision detection drops what does not fit.
      'symbol-sort-key': ['-', 0, ['get', 'area']],
    },
    paint: {
      'text-color': BASEMAP_COLOURS.label,
      'text-halo-color': BASEMAP_COLOURS.labelHalo,
      'text-halo-width': 1.2,
    },
  };
}

function polygonsOf(geometry: Polygon | MultiPolygon): Position[][][] {
  return (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as unknown as Position[][][];
}

/** Each polygon cut at the antimeridian. Holes are kept only for polygons that do not cross it (none do). */
function splitPolygons(polygons: readonly Position[][][]): Position[][][] {
  return polygons.flatMap((polygon) => {
    const [outer, ...holes] = polygon;
    if (!outer) return [];
    const pieces = splitRingAtAntimeridian(outer);
    return pieces.length === 1 ? [[pieces[0]!, ...holes]] : pieces.map((piece) => [piece]);
  });
}

function lines(multi: MultiLineString): FeatureCollection<MultiLineString> {
  const coordinates = (multi.coordinates as unknown as Position[][]).flatMap((line) => splitLineAtAntimeridian(line));
  return { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'MultiLineString', coordinates } }] };
}

function labelFeature(country: Feature<MultiPolygon, CountryProperties>): Feature<Point>[] {
  let largest: Position[][] | undefined;
  let largestArea = 0;
  let totalArea = 0;
  for (const polygon of country.geometry.coordinates as unknown as Position[][][]) {
    const area = ringArea(polygon[0]!);
    totalArea += area;
    if (area > largestArea) {
      largestArea = area;
      largest = polygon;
    }
  }
  if (!largest) return [];
  return [
    {
      type: 'Feature',
      properties: { name: country.properties.name, area: Math.round(totalArea * 100) / 100 },
      geometry: { type: 'Point', coordinates: [...labelPoint(largest)] },
    },
  ];
}
