import {
  ALERT_STATUSES,
  CHECKPOINT_KINDS,
  SEVERITIES,
  SOURCES,
  type AlertStatus,
  type CheckpointKind,
  type CountryCode,
  type Severity,
  type SourceDatabase,
} from '@watchfloor/shared';

/**
 * How a hit's filterable properties become GPU filter categories. DataFilterExtension with `categorySize: 4`
 * gives four channels of 32 categories each; a hit is drawn only when its category is selected in every
 * channel. Five filters share four channels by packing severity and alert status into one (4 x 5 = 20 keys).
 *
 * | channel | value                                  |
 * |---------|----------------------------------------|
 * | 0       | severity index * 5 + alert status index |
 * | 1       | source database index (9)              |
 * | 2       | checkpoint kind index (5) or 5 unknown |
 * | 3       | country slot (see `CountrySlots`)      |
 */
export const CATEGORY_CHANNELS = 4;
export const CHANNEL_CAPACITY = 32;
export const UNKNOWN_KIND = CHECKPOINT_KINDS.length;

// Plain objects of fixed shape, not Maps: these run once per appended hit, and property loads are cheapest.
const indexOf = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((key, index) => [key, index])) as Record<K, number>;
const severityIndex = indexOf(SEVERITIES);
const statusIndex = indexOf(ALERT_STATUSES);
const sourceIndex = indexOf(SOURCES);
const kindIndex = indexOf(CHECKPOINT_KINDS);

export function severityStatusKey(severity: Severity, status: AlertStatus): number {
  return severityIndex[severity] * ALERT_STATUSES.length + statusIndex[status];
}

/**
 * A channel-0 key that no filter selects: a row that must not be drawn (its alert is not in the picture
 * shown, see projection.ts) gets it, and the GPU filters it out like any hit the officer filtered away.
 */
export const HIDDEN_KEY = CHANNEL_CAPACITY - 1;

export function severityOfKey(key: number): Severity {
  return SEVERITIES[Math.floor(key / ALERT_STATUSES.length)]!;
}

export function statusOfKey(key: number): AlertStatus {
  return ALERT_STATUSES[key % ALERT_STATUSES.length]!;
}

export function sourceKey(source: SourceDatabase): number {
  return sourceIndex[source];
}

export function sourceOfKey(key: number): SourceDatabase {
  return SOURCES[key]!;
}

export function kindKey(kind: CheckpointKind | undefined): number {
  return kind === undefined ? UNKNOWN_KIND : kindIndex[kind];
}

/**
 * Countries get one of 32 slots in the order they are first seen. An operation has at most 60 countries but
 * hits come from far fewer; the first 31 get an exact slot and any later ones share the last slot, so a
 * country filter stays exact up to 31 countries with hits and over-includes (never hides) beyond that.
 */
export const OVERFLOW_COUNTRY_SLOT = CHANNEL_CAPACITY - 1;

export interface CountrySlots {
  slotOf(country: CountryCode): number;
  /** The slot a country has, without assigning one. */
  peek(country: CountryCode): number | undefined;
  readonly countries: readonly CountryCode[];
}

export function createCountrySlots(): CountrySlots {
  const slots = new Map<CountryCode, number>();
  const countries: CountryCode[] = [];
  return {
    countries,
    peek: (country) => slots.get(country),
    slotOf(country) {
      const known = slots.get(country);
      if (known !== undefined) return known;
      const slot = Math.min(countries.length, OVERFLOW_COUNTRY_SLOT);
      slots.set(country, slot);
      countries.push(country);
      return slot;
    },
  };
}

/** What the officer chose to see. An absent list means "all". An empty list shows nothing of that kind. */
export interface MapFilters {
  readonly severities?: readonly Severity[];
  readonly statuses?: readonly AlertStatus[];
  readonly sources?: readonly SourceDatabase[];
  readonly countries?: readonly CountryCode[];
  readonly checkpointKinds?: readonly CheckpointKind[];
}

export type FilterCategories = [number[], number[], number[], number[]];

const ALL_KEYS = Array.from({ length: CHANNEL_CAPACITY }, (_, key) => key);

/** The `filterCategories` prop for DataFilterExtension: per channel, the category keys to draw. */
export function filterCategoriesFor(filters: MapFilters, countrySlots: CountrySlots): FilterCategories {
  const severities = filters.severities ?? SEVERITIES;
  const statuses = filters.statuses ?? ALERT_STATUSES;
  const severityStatus = severities.flatMap((severity) => statuses.map((status) => severityStatusKey(severity, status)));
  const sources = filters.sources === undefined ? ALL_KEYS : filters.sources.map(sourceKey);
  const kinds = filters.checkpointKinds === undefined ? ALL_KEYS : filters.checkpointKinds.map((kind) => kindKey(kind));
  // A country without a slot has no hits yet; the caller recomputes when `countrySlots.countries` grows.
  const countries =
    filters.countries === undefined
      ? ALL_KEYS
      : [...new Set(filters.countries.flatMap((country) => countrySlots.peek(country) ?? []))];
  // An empty channel sets no bit in DataFilterExtension's mask, so it hides everything, as the officer asked.
  return [severityStatus, [...sources], [...kinds], countries];
}
