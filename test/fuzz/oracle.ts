import { createHash } from 'node:crypto';
import { Hit, RETENTION_DEFAULTS, ingestForgetsBefore, type IngestHitBody, type Operation, type OpsState } from '@watchfloor/shared';
import type { RunningHub } from '../../hub/src/index';

/**
 * What the fuzz suite checks after every input, and the tally it closes with: the hub's state digest (a
 * rejected input must leave it as it was), which refusals a well-formed ingest body may still get, and the
 * counts of inputs tried, crashes and state changes from bad input.
 */

/** PostgreSQL text and jsonb cannot hold NUL or unpaired surrogates; the hub must refuse them as invalid. */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function storable(value: unknown): boolean {
  if (typeof value === 'string') return !UNSTORABLE.test(value);
  if (typeof value !== 'object' || value === null) return true;
  return Object.entries(value).every(([key, item]) => storable(key) && storable(item));
}

/** Everything a rejected input must not move: the log, the folded state, and the rows written beside events. */
export interface HubDigest {
  readonly cursor: number;
  readonly lastSeq: number;
  readonly alerts: number;
  readonly sample: string;
  readonly rows: string;
}

const SAMPLE = 4;

/** JSON with every object's keys sorted: the same value read back from the log may list its keys in another order. */
function canonical(value: unknown): string | undefined {
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === 'object' && item !== null && !Array.isArray(item) ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : item,
  );
}

export async function digest(hub: RunningHub): Promise<HubDigest> {
  const state = hub.authority.state();
  const alerts = [...state.alerts.values()];
  const sampled = [...alerts.slice(0, SAMPLE), ...alerts.slice(-SAMPLE)];
  const hash = createHash('sha1').update(canonical([sampled, [...state.operations.values()], [...state.checkpoints.values()]])!).digest('hex');
  const [counts] = await hub.db.query<{ subjects: number; ingested: number; mutations: number }>(
    'select (select count(*) from subjects) as subjects, (select count(*) from hit_ingest) as ingested, (select count(*) from mutations) as mutations',
  );
  return {
    cursor: hub.authority.cursor(),
    lastSeq: state.lastSeq,
    alerts: state.alerts.size,
    sample: hash,
    rows: `${counts!.subjects}/${counts!.ingested}/${counts!.mutations}`,
  };
}

export const sameDigest = (a: HubDigest, b: HubDigest): boolean => JSON.stringify(a) === JSON.stringify(b);

/** How far from now and from an operation's start an ingested hit's time may be (see the ingest contract). */
const INGEST_FUTURE_MS = 5 * 60_000;
const INGEST_BEFORE_WINDOW_MS = 7 * 86_400_000;

/**
 * The fields for which the hub may refuse a body its schema accepts: a name it does not know, a time too
 * far ahead, too long before the operation or older than the idempotency window, a value the event schema
 * refuses. Empty: it must be taken.
 */
export function mayRefuse(body: IngestHitBody, operations: ReadonlyMap<string, Operation>, checkpoints: ReadonlySet<string>, now: number): Set<string> {
  const fields = new Set<string>();
  const operation = operations.get(body.operationId);
  if (operation === undefined) fields.add('operationId');
  if (!checkpoints.has(body.checkpointId)) fields.add('checkpointId');
  // Near a bound, the hub's clock and ours differ by the request's round trip.
  const slack = 5_000;
  const tooLate = body.at > now + INGEST_FUTURE_MS - slack;
  const tooEarly = operation !== undefined && body.at < operation.window.start - INGEST_BEFORE_WINDOW_MS + slack;
  // Older than the hub's idempotency window (the default policy): the hub could not tell a copy from a new hit.
  const forgotten = body.at < ingestForgetsBefore(RETENTION_DEFAULTS, now) + slack;
  if (tooLate || tooEarly || forgotten || !Hit.shape.at.safeParse(body.at).success) fields.add('at');
  if (!Hit.shape.summary.safeParse(body.summary).success) fields.add('summary');
  return fields;
}

/** A refusal's issue path names one of `fields` (as the body's field, or the event's `hit.` field). */
export const namesOneOf = (path: string, fields: ReadonlySet<string>): boolean => fields.has(path.replace(/^hit\./, ''));


/** The run's counts, and the one line it closes with. */
export interface Tally {
  inputs: number;
  crashes: number;
  stateChanges: number;
  readonly problems: string[];
  restart: 'ok' | 'failed' | 'not run';
}

export function newTally(): Tally {
  return { inputs: 0, crashes: 0, stateChanges: 0, problems: [], restart: 'not run' };
}

export function closingLine(seed: number, tally: Tally): string {
  return (
    `fuzz: seed ${seed}, ${tally.inputs} inputs tried, ${tally.crashes} crashes, ` +
    `${tally.stateChanges} state changes from bad input, restart + catch-up: ${tally.restart}`
  );
}

/** Where two pictures of the operation differ, alert by alert (for a hub before and after a restart). */
export function pictureDifferences(before: OpsState, after: OpsState): string[] {
  const differences: string[] = [];
  const compare = (kind: string, a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>) => {
    for (const id of new Set([...a.keys(), ...b.keys()])) {
      const was = canonical(a.get(id));
      const is = canonical(b.get(id));
      if (was === is) continue;
      let at = 0;
      while (at < Math.min(was?.length ?? 0, is?.length ?? 0) && was![at] === is![at]) at += 1;
      const around = (text: string | undefined) => (text === undefined ? 'nothing' : `…${text.slice(Math.max(0, at - 120), at + 200)}`);
      differences.push(`${kind} ${id}: ${around(was)} became ${around(is)}`);
    }
  };
  compare('alert', before.alerts, after.alerts);
  compare('operation', before.operations, after.operations);
  compare('checkpoint', before.checkpoints, after.checkpoints);
  return differences;
}
