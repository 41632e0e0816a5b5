import { SEVERITIES, SOURCES, type Hit } from '@watchfloor/shared';

/**
 * One hit as a row of `HitColumnBlock` columns, as the cache's chunks store hits. Categories are indices into SEVERITIES and SOURCES; checkpoints and countries are references
 * into a dictionary per block.
 */
export interface WritableHitRows {
  readonly positions: Float32Array;
  readonly atMs: Float64Array;
  readonly severities: Uint8Array;
  readonly sources: Uint8Array;
  readonly checkpointRefs: Uint16Array;
  readonly countryRefs: Uint8Array;
}

/** Writes `hit` as row `row` of `rows`, all but its alert's status, naming its checkpoint and country in the dictionaries. */
export function writeHitRow(rows: WritableHitRows, row: number, hit: Hit, checkpoints: Dictionary, countries: Dictionary): void {
  rows.positions[row * 2] = hit.lon;
  rows.positions[row * 2 + 1] = hit.lat;
  rows.atMs[row] = hit.at;
  rows.severities[row] = SEVERITY_INDEX.get(hit.severity)!;
  rows.sources[row] = SOURCE_INDEX.get(hit.source)!;
  rows.checkpointRefs[row] = checkpoints.refOf(hit.checkpointId);
  rows.countryRefs[row] = countries.refOf(hit.country);
}

/** Distinct values in order of first use, each referred to by its index. */
export class Dictionary {
  readonly values: string[];
  private readonly refs: Map<string, number>;

  constructor(values: readonly string[] = []) {
    this.values = [...values];
    this.refs = new Map(this.values.map((value, index) => [value, index]));
  }

  refOf(value: string): number {
    let ref = this.refs.get(value);
    if (ref === undefined) {
      ref = this.values.length;
      this.values.push(value);
      this.refs.set(value, ref);
    }
    return ref;
  }
}

const SEVERITY_INDEX = new Map(SEVERITIES.map((value, index) => [value, index]));
const SOURCE_INDEX = new Map(SOURCES.map((value, index) => [value, index]));
