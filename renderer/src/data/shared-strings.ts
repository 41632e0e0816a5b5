import { EVENT_TYPES, OUTCOMES, SEVERITIES, SOURCES, type Actor, type Alert, type AlertHistoryEntry, type Hit, type OpsEvent } from '@watchfloor/shared';

/**
 * One copy of each string that many hits and events repeat (operation, checkpoint, countries, source,
 * severity, summary; event type, outcome, the officer who acted) instead of one per alert or event. A hit reaches the UI thread as a structured clone from the worker,
 * whose strings are all fresh copies: a million alerts would hold a million copies of "NG". Strings are
 * values, so putting an equal shared string in place of a received copy changes nothing any reader can
 * see, and the copies go with the next garbage collection. Severity and source become the code's own
 * constants (event types and outcomes too), which also makes using them as keys (`SEVERITY_RANK[severity]`)
 * a plain property look-up.
 * The pools are bounded, so text that never repeats cannot make them grow without end.
 */
export interface SharedStrings {
  /** Puts the shared string in each of the fields of `hit` that has one: an equal value, so no reader can tell. */
  share(hit: Hit): void;
  /** The same for an event or history entry, and its hit if it raises one. */
  shareEvent(event: OpsEvent | AlertHistoryEntry): void;
  /** The same for an alert's hit and history. */
  shareAlert(alert: Alert): void;
}

/** Identifiers and codes: operations, checkpoints and countries are few next to hits. */
const MAX_CODES = 100_000;
/** Summaries are mostly a few wordings; one that never repeats takes a place until the pool is full. */
const MAX_TEXTS = 10_000;

type Writable<T> = { -readonly [K in keyof T]: T[K] };

export function createSharedStrings(): SharedStrings {
  const codes = new Map<string, string>();
  const texts = new Map<string, string>();
  const constants = new Map<string, string>([...SEVERITIES, ...SOURCES, ...EVENT_TYPES, ...OUTCOMES].map((value) => [value, value]));
  const pooled = (pool: Map<string, string>, max: number, value: string): string => {
    const held = pool.get(value);
    if (held !== undefined) return held;
    if (pool.size < max) pool.set(value, value);
    return value;
  };
  /** Officers who act are few next to the events they sign. */
  const actors = new Map<string, Actor>();
  function actor(by: Actor): Actor {
    const key = `${by.id}\u0000${by.name}`;
    const held = actors.get(key);
    if (held !== undefined) return held;
    if (actors.size < MAX_CODES) actors.set(key, by);
    return by;
  }
  function share(hit: Hit): void {
    if (Object.isFrozen(hit)) return;
    const fields = hit as Writable<Hit>;
    fields.operationId = pooled(codes, MAX_CODES, hit.operationId);
    fields.checkpointId = pooled(codes, MAX_CODES, hit.checkpointId);
    fields.country = pooled(codes, MAX_CODES, hit.country);
    fields.recordOwner = pooled(codes, MAX_CODES, hit.recordOwner);
    fields.source = (constants.get(hit.source) ?? hit.source) as Hit['source'];
    fields.severity = (constants.get(hit.severity) ?? hit.severity) as Hit['severity'];
    fields.summary = pooled(texts, MAX_TEXTS, hit.summary);
  }
  function shareEvent(event: OpsEvent | AlertHistoryEntry): void {
    if (Object.isFrozen(event)) return;
    const fields = event as { type: string; outcome?: string; by?: Actor };
    fields.type = constants.get(event.type) ?? event.type;
    if (fields.outcome !== undefined) fields.outcome = constants.get(fields.outcome) ?? fields.outcome;
    if (fields.by !== undefined) fields.by = actor(fields.by);
    if ('hit' in event) share(event.hit);
  }
  return {
    share,
    shareEvent,
    shareAlert(alert) {
      share(alert.hit);
      for (const entry of alert.history) shareEvent(entry);
      if (Object.isFrozen(alert)) return;
      const fields = alert as Writable<Alert>;
      if (alert.outcome !== undefined) fields.outcome = (constants.get(alert.outcome) ?? alert.outcome) as Alert['outcome'];
      if (alert.holder !== undefined) fields.holder = actor(alert.holder);
    },
  };
}
