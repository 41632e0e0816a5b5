import { EMPTY_OPS_STATE, foldEventsInPlace, OUTCOMES, SEVERITIES, SOURCES, type Hit, type OpsEvent, type OpsState } from '@watchfloor/shared';
import { mulberry32 } from '../../../../shared/random';

/**
 * An operation holding `held` alerts (a fixed-seed mix of severities, countries and sources, a fifth
 * acknowledged, a tenth resolved) and the live batches that follow it, for the live-path benchmark. Every
 * event is a structured clone, as the data-plane worker's message delivers it: each string its own copy,
 * so what the page holds is what the console holds.
 */
const COUNTRIES = ['NG', 'BJ', 'GH', 'TG', 'CI', 'SN', 'FR', 'ES'] as const;
const START = Date.UTC(2026, 10, 22, 8, 0, 0);
const BY = { id: 'off-duty', name: 'Ada Duty' };

export interface World {
  /** When the operation began: its first hit. */
  readonly start: number;
  readonly state: OpsState;
  /** The next batch: `hits` new hits and, after every tenth, an acknowledgement of a held alert. */
  nextBatch(hits: number): OpsEvent[];
}

/** `record` hears every event of the held picture's log, in order, as the console's timeline does. */
export function buildWorld(held: number, record: (events: readonly OpsEvent[]) => void, seed = 20261207): World {
  const random = mulberry32(seed);
  let seq = 0;
  let hits = 0;
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const newHit = (): OpsEvent => {
    seq += 1;
    hits += 1;
    const at = START + seq * 50;
    const country = pick(COUNTRIES);
    const hit: Hit = {
      id: `hit-${hits}`,
      operationId: 'op-1',
      checkpointId: `cp-${country.toLowerCase()}`,
      country,
      at,
      lon: -10 + random() * 20,
      lat: 4 + random() * 10,
      source: pick(SOURCES),
      score: 0.9,
      severity: pick(SEVERITIES),
      recordOwner: pick(COUNTRIES),
      summary: 'Passport reported stolen, presented at arrivals',
      subjectRef: `subj-${hits}`,
    };
    return { seq, at, type: 'hit.raised', hit };
  };
  const acknowledge = (alertId: string): OpsEvent => ({ seq: ++seq, at: START + seq * 50, type: 'alert.acknowledged', alertId, by: BY });
  const resolve = (alertId: string): OpsEvent => ({ seq: ++seq, at: START + seq * 50, type: 'alert.resolved', alertId, outcome: OUTCOMES[0], final: true, by: BY });
  let state: OpsState = { ...EMPTY_OPS_STATE, operations: new Map(), checkpoints: new Map(), alerts: new Map() };
  /** Held alerts nobody has acknowledged yet (every fifth was), taken in order by the batches' acknowledgements. */
  let unacknowledged = 1;
  const nextUnacknowledged = () => {
    if (unacknowledged % 5 === 1) unacknowledged += 1;
    return `hit-${unacknowledged++}`;
  };
  const CHUNK = 50_000;
  for (let done = 0; done < held; done += CHUNK) {
    const events: OpsEvent[] = [];
    for (let i = 0; i < Math.min(CHUNK, held - done); i++) events.push(newHit());
    const raised = events.length;
    for (let i = 0; i < raised; i += 5) {
      const id = (events[i] as Extract<OpsEvent, { type: 'hit.raised' }>).hit.id;
      events.push(acknowledge(id));
      if (i % 10 === 0) events.push(resolve(id));
    }
    state = foldEventsInPlace(state, asPosted(events)).state;
    // The timeline reads the log from the cache or the hub's history pages: copies of its own.
    record(asPosted(events));
  }
  return {
    start: START,
    state,
    nextBatch(count) {
      const events: OpsEvent[] = [];
      for (let i = 0; i < count; i++) {
        events.push(newHit());
        if (i % 10 === 9) events.push(acknowledge(nextUnacknowledged()));
      }
      return asPosted(events);
    },
  };
}

/** Events as the UI thread receives them from the worker: copied by the structured clone of a message. */
function asPosted(events: readonly OpsEvent[]): OpsEvent[] {
  return structuredClone(events) as OpsEvent[];
}
