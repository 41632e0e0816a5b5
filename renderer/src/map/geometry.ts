/**
 * Planar fixes for Natural Earth geometry drawn in Web Mercator. world-atlas is made for spherical renderers
 * (d3-geo), so rings of Russia and Fiji run across the antimeridian: drawn flat, their edges from +180 to
 * -180 would paint a band across the whole world. Rings are unwrapped into continuous longitudes, then cut
 * into one piece per world copy and each piece shifted back into [-180, 180].
 */
export type Position = [number, number];
export type Ring = readonly (readonly [number, number])[];

/** Longitudes made continuous: a step of more than 180 degrees is taken as a crossing of the antimeridian. */
export function unwrap(ring: Ring): Position[] {
  const out: Position[] = [];
  let offset = 0;
  let previous: number | undefined;
  for (const [lon, lat] of ring) {
    if (previous !== undefined) {
      const step = lon - previous;
      if (step > 180) offset -= 360;
      else if (step < -180) offset += 360;
    }
    previous = lon;
    out.push([lon + offset, lat]);
  }
  return out;
}

function clipHalfPlane(ring: readonly Position[], x: number, keepBelow: boolean): Position[] {
  const inside = (p: Position) => (keepBelow ? p[0] <= x : p[0] >= x);
  const out: Position[] = [];
  for (let i = 0; i < ring.length; i++) {
    const current = ring[i]!;
    const previous = ring[(i + ring.length - 1) % ring.length]!;
    if (inside(current)) {
      if (!inside(previous)) out.push(crossing(previous, current, x));
      out.push(current);
    } else if (inside(previous)) {
      out.push(crossing(previous, current, x));
    }
  }
  return out;
}

function crossing(a: Ring[number], b: Ring[number], x: number): Position {
  const t = (x - a[0]) / (b[0] - a[0]);
  return [x, a[1] + t * (b[1] - a[1])];
}

function close(ring: Position[]): Position[] {
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) ring.push(first);
  return ring;
}

/** A ring as one or more rings inside [-180, 180], cut where it crosses the antimeridian. */
export function splitRingAtAntimeridian(ring: Ring): Position[][] {
  const continuous = unwrap(ring);
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const [lon] of continuous) {
    min = Math.min(min, lon);
    max = Math.max(max, lon);
  }
  if (min >= -180 && max <= 180) return [continuous];
  const pieces: Position[][] = [];
  for (let copy = Math.floor((min + 180) / 360); copy <= Math.floor((max + 180) / 360); copy++) {
    const west = -180 + copy * 360;
    const clipped = clipHalfPlane(clipHalfPlane(continuous, west, false), west + 360, true);
    if (clipped.length >= 3) pieces.push(close(clipped.map(([lon, lat]) => [lon - copy * 360, lat] as Position)));
  }
  return pieces;
}

/** A line as one or more lines inside [-180, 180], broken (with a point on the edge) where it crosses. */
export function splitLineAtAntimeridian(line: Ring): Position[][] {
  const lines: Position[][] = [];
  let current: Position[] = [];
  for (let i = 0; i < line.length; i++) {
    const point = line[i]!;
    const previous = line[i - 1];
    if (previous && Math.abs(point[0] - previous[0]) > 180) {
      const edge = previous[0] > 0 ? 180 : -180;
      const shifted: Position = [point[0] + (edge > 0 ? 360 : -360), point[1]];
      const atEdge = crossing(previous, shifted, edge);
      current.push(atEdge);
      if (current.length >= 2) lines.push(current);
      current = [[-edge, atEdge[1]]];
    }
    current.push([point[0], point[1]]);
  }
  if (current.length >= 2) lines.push(current);
  return lines;
}

/** Signed planar area in square degrees (shoelace); only used to compare sizes. */
export function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j]![0] - ring[i]![0]) * (ring[j]![1] + ring[i]![1]);
  }
  return Math.abs(sum) / 2;
}

/**
 * Where to put a country's name: on the horizontal line through the polygon's vertex centroid, the middle
 * of the widest stretch inside the polygon. Unlike a centroid, it always falls on land, even for crescents
 * (Chile, Norway), without the weight of a polylabel library.
 */
export function labelPoint(polygon: readonly Ring[]): Position {
  const outer = polygon[0]!;
  let lat = 0;
  for (const [, y] of outer) lat += y;
  lat /= outer.length;
  const xs: number[] = [];
  for (const ring of polygon) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [x1, y1] = ring[i]!;
      const [x2, y2] = ring[j]!;
      if (y1 > lat !== y2 > lat) xs.push(x1 + ((lat - y1) / (y2 - y1)) * (x2 - x1));
    }
  }
  xs.sort((a, b) => a - b);
  let best: Position = [outer[0]![0], outer[0]![1]];
  let widest = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    const width = xs[i + 1]! - xs[i]!;
    if (width > widest) {
      widest = width;
      best = [(xs[i]! + xs[i + 1]!) / 2, lat];
    }
  }
  return best;
}
