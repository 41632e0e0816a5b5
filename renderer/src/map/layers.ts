import type { Layer } from '@deck.gl/core';
import { DataFilterExtension } from '@deck.gl/extensions';
import { IconLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Checkpoint, CountryCode } from '@watchfloor/shared';
import type { CheckpointAggregate } from './aggregates';
import { severityStatusKey, type FilterCategories } from './categories';
import { checkpointIconMapping, iconName } from './checkpoint-icons';
import type { HitLayerData, HitTable } from './hit-buffers';
import { AGGREGATE_BADGE_RGBA, AGGREGATE_TEXT_RGBA, CHECKPOINT_STATUS_RGBA, HIGHLIGHT_RGBA, PARTNER_ALPHA, PULSE_RGB, SELECTION_RGBA } from './palette';

/**
 * deck.gl layers of the map. Hits carry every per-row value as an external GPU buffer, so the hit layers
 * have no accessors at all; the remaining accessors and the extension are module constants, which keeps
 * them referentially stable and spares deck.gl any attribute recomputation between renders.
 */

/**
 * Category values in our buffers already are bit indices (see categories.ts). DataFilterExtension would
 * otherwise remap categories in the order it first meets them, which it cannot do for external buffers.
 */
class IndexedCategoryFilter extends DataFilterExtension {
  static override extensionName = 'IndexedCategoryFilter';
  override _getCategoryKey(category: number | string): number {
    return Number(category);
  }
}

const HIT_FILTER = new IndexedCategoryFilter({ filterSize: 1, categorySize: 4 });

export const HIT_LAYER_ID = 'hits';
export const CHECKPOINT_LAYER_ID = 'checkpoints';
export const AGGREGATE_LAYER_ID = 'aggregates';

/** Seconds relative to the operation start, as the GPU compares them. */
export interface TimeFilter {
  readonly range: readonly [number, number];
  /** Full opacity inside, fading towards `range` outside; undefined when there is no trail. */
  readonly softRange: readonly [number, number] | undefined;
}

export interface HitLayerInput {
  readonly data: HitLayerData;
  readonly time: TimeFilter;
  readonly categories: FilterCategories;
  /** 0..1 through one pulse, or undefined when no new critical hit is recent. */
  readonly pulsePhase: number | undefined;
  readonly pulseRange: readonly [number, number];
  readonly selected: readonly [number, number] | undefined;
}

export function hitLayers(input: HitLayerInput): Layer[] {
  const { table, rows, rewrites } = input.data;
  const layers: Layer[] = [
    new ScatterplotLayer({
      id: HIT_LAYER_ID,
      data: table as never,
      numInstances: rows,
      // Rows rewritten in place changed look and category; deck re-links those attributes, nothing is copied.
      updateTriggers: { getFillColor: rewrites, getLineColor: rewrites, getRadius: rewrites, getLineWidth: rewrites, getFilterCategory: rewrites },
      radiusUnits: 'pixels',
      lineWidthUnits: 'pixels',
      stroked: true,
      filled: true,
      pickable: true,
      autoHighlight: true,
      highlightColor: HIGHLIGHT_RGBA as [number, number, number, number],
      extensions: [HIT_FILTER],
      filterRange: input.time.range as [number, number],
      filterSoftRange: (input.time.softRange as [number, number] | undefined) ?? null,
      filterCategories: input.categories,
    }),
  ];
  if (input.pulsePhase !== undefined) {
    const phase = input.pulsePhase;
    layers.push(
      new ScatterplotLayer({
        id: 'critical-pulse',
        // Same buffers, fewer of them: radius and colour are the pulse's own, so they stay uniforms.
        data: pulseTable(table) as never,
        numInstances: rows,
        updateTriggers: { getFilterCategory: rewrites },
        radiusUnits: 'pixels',
        lineWidthUnits: 'pixels',
        stroked: true,
        filled: false,
        getRadius: 1,
        radiusScale: 8 + phase * 18,
        getLineWidth: 2.5,
        getLineColor: [...PULSE_RGB, Math.round(255 * (1 - phase))],
        pickable: false,
        extensions: [HIT_FILTER],
        filterRange: input.pulseRange as [number, number],
        filterCategories: pulseCategories(input.categories),
      }),
    );
  }
  if (input.selected) {
    layers.push(
      new ScatterplotLayer<readonly [number, number]>({
        id: 'selection',
        // The same array while the selection stays put: a new one would make deck re-upload its attributes
        // every frame, and the map re-renders every frame while the time window is scrubbed.
        data: selectionData(input.selected),
        getPosition: (position) => position as [number, number],
        radiusUnits: 'pixels',
        getRadius: 13,
        lineWidthUnits: 'pixels',
        getLineWidth: 3,
        stroked: true,
        filled: false,
        getLineColor: SELECTION_RGBA as [number, number, number, number],
      }),
    );
  }
  return layers;
}

let selectionCache: { position: readonly [number, number]; data: (readonly [number, number])[] } | undefined;

function selectionData(position: readonly [number, number]): (readonly [number, number])[] {
  if (selectionCache?.position[0] !== position[0] || selectionCache.position[1] !== position[1]) {
    selectionCache = { position, data: [position] };
  }
  return selectionCache.data;
}

let pulseCategoriesCache: { source: FilterCategories; value: FilterCategories } | undefined;

/** Only new critical alerts pulse; the other channels are the officer's filters. */
function pulseCategories(categories: FilterCategories): FilterCategories {
  if (pulseCategoriesCache?.source !== categories) {
    pulseCategoriesCache = { source: categories, value: [[severityStatusKey('critical', 'new')], ...categories.slice(1)] as FilterCategories };
  }
  return pulseCategoriesCache.value;
}

let pulseCache: { source: HitTable; table: HitTable } | undefined;

/** The same object while the buffers stay, for the reason given at `HitTable`. */
function pulseTable(source: HitTable): HitTable {
  if (pulseCache?.source !== source) {
    const { instancePositions, filterValues, filterCategoryValues } = source.attributes;
    pulseCache = { source, table: { attributes: { instancePositions: instancePositions!, filterValues: filterValues!, filterCategoryValues: filterCategoryValues! } } };
  }
  return pulseCache.table;
}

const ICON_MAPPING = checkpointIconMapping();
const checkpointPosition = (checkpoint: Checkpoint): [number, number] => [checkpoint.lon, checkpoint.lat];
const checkpointIcon = (checkpoint: Checkpoint) => iconName(checkpoint.kind, checkpoint.status);
const PIN_OFFSET: [number, number] = [0, -8];
const checkpointColour = (checkpoint: Checkpoint) => CHECKPOINT_STATUS_RGBA[checkpoint.status] as [number, number, number, number];

/**
 * Checkpoint pins. With `emphasised` countries, the others' pins (partners') are smaller and fainter, so
 * the operation's own checkpoints stand out among hundreds of partner airports.
 */
export function checkpointLayer(checkpoints: readonly Checkpoint[], atlas: IconLayerAtlas, emphasised?: readonly CountryCode[]): Layer {
  const own = emphasised === undefined ? undefined : new Set(emphasised);
  return new IconLayer<Checkpoint>({
    id: CHECKPOINT_LAYER_ID,
    data: checkpoints as Checkpoint[],
    iconAtlas: atlas,
    iconMapping: ICON_MAPPING,
    getIcon: checkpointIcon,
    getPosition: checkpointPosition,
    getColor: own === undefined ? checkpointColour : (checkpoint) => partnerFaded(checkpoint, own),
    getSize: own === undefined ? 14 : (checkpoint) => (own.has(checkpoint.country) ? 18 : 9),
    sizeUnits: 'pixels',
    // A pin standing on its place: hits gather at the foot, where they stay visible and pickable.
    getPixelOffset: PIN_OFFSET,
    pickable: true,
    autoHighlight: true,
    highlightColor: HIGHLIGHT_RGBA as [number, number, number, number],
  });
}

function partnerFaded(checkpoint: Checkpoint, own: ReadonlySet<CountryCode>): [number, number, number, number] {
  const [r, g, b, a] = CHECKPOINT_STATUS_RGBA[checkpoint.status];
  return [r, g, b, own.has(checkpoint.country) ? a : PARTNER_ALPHA];
}

const BADGE_OFFSET: [number, number] = [13, -20];
const aggregatePosition = (pile: CheckpointAggregate): [number, number] => [pile.checkpoint.lon, pile.checkpoint.lat];
const aggregateText = (pile: CheckpointAggregate) => (pile.open > 999 ? '999+' : String(pile.open));

/** A count badge beside each checkpoint where open alerts pile up (see aggregates.ts). */
export function aggregateLayer(piles: readonly CheckpointAggregate[]): Layer {
  return new TextLayer<CheckpointAggregate>({
    id: AGGREGATE_LAYER_ID,
    data: piles as CheckpointAggregate[],
    getPosition: aggregatePosition,
    getText: aggregateText,
    characterSet: '0123456789+',
    fontFamily: 'system-ui, sans-serif',
    fontWeight: 700,
    getSize: 12,
    sizeUnits: 'pixels',
    getColor: AGGREGATE_TEXT_RGBA as [number, number, number, number],
    background: true,
    getBackgroundColor: AGGREGATE_BADGE_RGBA as [number, number, number, number],
    backgroundPadding: [4, 2],
    getPixelOffset: BADGE_OFFSET,
    pickable: true,
  });
}

export type IconLayerAtlas = NonNullable<ConstructorParameters<typeof IconLayer>[0]>['iconAtlas'];
