import { SEVERITIES, SOURCES, type Hit } from '@watchfloor/shared';

/**
 * One copy of each string that many hits repeat (operation, checkpoint, countries, source, severity,
 * summary) instead of one per alert. A hit reaches the UI thread as a structured clone from the worker,
 * whose strings are all fresh copies: a million alerts would hold a million copies of "NG". Strings are
 * values, so putting an equal shared string in place of a received copy changes nothing any reader can
 * see, and the copies go with the next garbage collection. Severity and source become the code's own
 * constants, which also makes using them as keys (`SEVERITY_RANK[severity]`) a plain property look-up.
 * The pools are bounded, so text that never repeats cannot make them grow without end.
 */
export interface SharedStrings {
  /** Puts the shared string in each of the fields of `hit` that has one: an equal value, so no reader can tell. */
  share(hit: Hit): void;
}

/** Identifiers and codes: operations, checkpoints and countries are few next to hits. */
const MAX_CODES = 100_000;
/** Summaries are mostly a few wordings; one that never repeats takes a place until the pool is full. */
const MAX_TEXTS = 10_000;

type Writable<T> = { -readonly [K in keyof T]: T[K] };

export function createSharedStrings(): SharedStrings {
  const codes = new Map<string, string>();
  const texts = new Map<string, string>();
  const constants = new Map<string, string>([...SEVERITIES, ...SOURCES].map((value) => [value, value]));
  const pooled = (pool: Map<string, string>, max: number, value: string): string => {
    const held = pool.get(value);
    if (held !== undefined) return held;
    if (pool.size < max) pool.set(value, value);
    return value;
  };
  return {
    share(hit) {
      if (Object.isFrozen(hit)) return;
      const fields = hit as Writable<Hit>;
      fields.operationId = pooled(codes, MAX_CODES, hit.operationId);
      fields.checkpointId = pooled(codes, MAX_CODES, hit.checkpointId);
      fields.country = pooled(codes, MAX_CODES, hit.country);
      fields.recordOwner = pooled(codes, MAX_CODES, hit.recordOwner);
      fields.source = (constants.get(hit.source) ?? hit.source) as Hit['source'];
      fields.severity = (constants.get(hit.severity) ?? hit.severity) as Hit['severity'];
      fields.summary = pooled(texts, MAX_TEXTS, hit.summary);
    },
  };
}
