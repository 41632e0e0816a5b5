import type { Checkpoint, CountryCode, Officer, Operation } from '@watchfloor/shared';

/**
 * Where the map looks: the operation's frame (the checkpoints that matter to this officer, fitted with a
 * margin) and whether a selected place is far enough off the view that the map should pan to it. Pure, so
 * the camera rules are tested without a map.
 */

/** west, south, east, north in degrees. */
export type Bounds = readonly [number, number, number, number];

/** A frame around a single checkpoint (or a tight cluster) still shows its surroundings: degrees each way. */
const MIN_HALF_SPAN = 1.5;

/**
 * The countries whose checkpoints frame the map: a scoped officer's own country; otherwise the countries
 * that run the operation (its hosts), or every country when the operation names none.
 */
export function framingCountries(officer: Officer, operation: Operation | undefined): readonly CountryCode[] | undefined {
  if (officer.scope !== undefined) return [officer.scope];
  const hosts = operation?.hostCountries;
  return hosts !== undefined && hosts.length > 0 ? hosts : undefined;
}

/** The checkpoints in those countries; every checkpoint when no country is named or none of them has one. */
export function framingCheckpoints(checkpoints: readonly Checkpoint[], countries: readonly CountryCode[] | undefined): readonly Checkpoint[] {
  if (countries === undefined) return checkpoints;
  const wanted = new Set(countries);
  const inside = checkpoints.filter((checkpoint) => wanted.has(checkpoint.country));
  return inside.length > 0 ? inside : checkpoints;
}

/** The smallest box holding every place, at least `MIN_HALF_SPAN` degrees each way; undefined for none. */
export function boundsOf(places: readonly { readonly lon: number; readonly lat: number }[]): Bounds | undefined {
  if (places.length === 0) return undefined;
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const { lon, lat } of places) {
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) continue;
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  if (!Number.isFinite(west)) return undefined;
  const widen = (low: number, high: number, limit: number): [number, number] => {
    if (high - low >= 2 * MIN_HALF_SPAN) return [low, high];
    const middle = (low + high) / 2;
    const half = Math.max((high - low) / 2, MIN_HALF_SPAN);
    return [Math.max(-limit, middle - half), Math.min(limit, middle + half)];
  };
  const [w, e] = widen(west, east, 180);
  const [s, n] = widen(south, north, 85);
  return [w, s, e, n];
}

/** Whether `outer` holds `inner` whole. */
export function boundsContain(outer: Bounds, inner: Bounds): boolean {
  return outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];
}

/**
 * Whether the map should pan to show `position`: only when it lies outside the view, or within `margin`
 * (a share of the view's width and height) of its edge. A place already in plain sight never moves the map.
 */
export function needsPan(view: Bounds, position: readonly [number, number], margin = 0.08): boolean {
  const [west, south, east, north] = view;
  const marginX = (east - west) * margin;
  const marginY = (north - south) * margin;
  const [lon, lat] = position;
  return !(lon > west + marginX && lon < east - marginX && lat > south + marginY && lat < north - marginY);
}
