import { concernsCountry, type Alert, type Command, type Officer, type OpsEvent, type OpsState } from '@watchfloor/shared';
import type { GivenCommand } from './world';

/**
 * The end-of-run checks, as plain functions over plain data: pictures compared field by field, events
 * counted by seq, and every command matched with its answers and with the hub's log.
 */

/** JSON with sorted keys and without undefined fields: two alerts built by the same reducer from the same events print the same. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) => {
    if (field instanceof Map) return [...field.entries()].sort(([a], [b]) => (String(a) < String(b) ? -1 : 1));
    if (field !== null && typeof field === 'object' && !Array.isArray(field)) {
      return Object.fromEntries(Object.entries(field as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)));
    }
    return field;
  });
}

/** The part of the hub's picture a scoped officer is shown (see hub/src/ops/visibility.ts). */
export function pictureFor(officer: Officer, state: OpsState): OpsState {
  const scope = officer.scope;
  if (scope === undefined) return state;
  return {
    ...state,
    alerts: new Map([...state.alerts].filter(([, alert]) => concernsCountry(alert, scope))),
    operations: new Map([...state.operations].filter(([, operation]) => operation.countries.includes(scope))),
    checkpoints: new Map([...state.checkpoints].filter(([, checkpoint]) => checkpoint.country === scope)),
  };
}

export interface PictureComparison {
  readonly differences: string[];
  /** History entries (events) the hub's alerts have and the console's lack. */
  readonly missingEvents: number;
  /** History entries the console holds more than once, or that the hub's alert does not have. */
  readonly doubledEvents: number;
}

/**
 * Compares the alerts, operations and checkpoints of two pictures. `lastSeq`/`lastAt` are left out: a
 * picture seeded from the cache counts them from the cache's `through`, the hub's from the last event it
 * applied; `through` against the hub's head is checked on its own.
 */
export function comparePictures(label: string, actual: OpsState, expected: OpsState): PictureComparison {
  const differences: string[] = [];
  let missingEvents = 0;
  let doubledEvents = 0;
  const note = (text: string) => differences.push(`${label}: ${text}`);
  for (const [id, want] of expected.alerts) {
    const got = actual.alerts.get(id);
    if (got === undefined) {
      note(`alert ${id} is missing`);
      missingEvents += want.history.length;
      continue;
    }
    const events = compareHistories(got, want);
    missingEvents += events.missing;
    doubledEvents += events.doubled;
    if (canonical(got) !== canonical(want)) note(`alert ${id} differs: ${firstDifference(got, want)}`);
  }
  for (const [id, got] of actual.alerts) {
    if (!expected.alerts.has(id)) {
      note(`alert ${id} is not on the hub`);
      doubledEvents += got.history.length;
    }
  }
  for (const what of ['operations', 'checkpoints'] as const) {
    const got = actual[what] as ReadonlyMap<string, unknown>;
    const want = expected[what] as ReadonlyMap<string, unknown>;
    for (const [id, value] of want) if (canonical(got.get(id)) !== canonical(value)) note(`${what} ${id} differs: ${firstDifference(got.get(id), value)}`);
    for (const id of got.keys()) if (!want.has(id)) note(`${what} ${id} is not on the hub`);
  }
  return { differences, missingEvents, doubledEvents };
}

function compareHistories(got: Alert, want: Alert): { missing: number; doubled: number } {
  const seqs = (alert: Alert) => alert.history.map((entry) => entry.seq);
  const held = new Map<number, number>();
  for (const seq of seqs(got)) held.set(seq, (held.get(seq) ?? 0) + 1);
  const wanted = new Set(seqs(want));
  let doubled = 0;
  for (const [seq, times] of held) doubled += wanted.has(seq) ? times - 1 : times;
  const missing = [...wanted].filter((seq) => !held.has(seq)).length;
  return { missing, doubled };
}

function firstDifference(got: unknown, want: unknown, path = ''): string {
  if (canonical(got) === canonical(want)) return '(none)';
  if (typeof got !== 'object' || typeof want !== 'object' || got === null || want === null) {
    return `${path || 'value'}: ${canonical(got)?.slice(0, 200)} instead of ${canonical(want)?.slice(0, 200)}`;
  }
  const keys = new Set([...Object.keys(got), ...Object.keys(want)]);
  for (const key of keys) {
    const a = (got as Record<string, unknown>)[key];
    const b = (want as Record<string, unknown>)[key];
    if (canonical(a) !== canonical(b)) return firstDifference(a, b, `${path}.${key}`);
  }
  return '(order)';
}

/** Seqs the hub holds (visible to the officer) that the console's event cache lacks, and ones it has that the hub does not. */
export function compareSeqs(held: readonly number[], expected: readonly number[]): { missing: number[]; extra: number[] } {
  const have = new Set(held);
  const want = new Set(expected);
  return { missing: expected.filter((seq) => !have.has(seq)), extra: held.filter((seq) => !want.has(seq)) };
}

export interface MutationRow {
  readonly mutationId: string;
  readonly officerId: string;
  readonly seq: number;
}

export interface CommandAudit {
  readonly problems: string[];
  readonly applied: number;
  readonly refused: number;
  /** Commands with no answer at all (lost). */
  readonly unanswered: number;
  /** Accepted commands with more than one event in the log (applied twice). */
  readonly appliedTwice: number;
  /** Answers `duplicate: true`: a resend of a command the hub had already applied. */
  readonly resentDuplicates: number;
  readonly refusalsByCode: Record<string, number>;
}

const EVENT_OF: Record<Command['type'], OpsEvent['type']> = {
  acknowledge: 'alert.acknowledged',
  escalate: 'alert.escalated',
  resolve: 'alert.resolved',
  note: 'alert.noted',
  assign: 'alert.assigned',
};

/**
 * Every command got a final answer; an accepted one has exactly one event in the log (the one its mutation
 * id points at, of its type, on its alert, by its officer) and a refused one none; and the log holds no
 * officer's event that no accepted command accounts for.
 */
export function auditCommands(
  given: readonly GivenCommand[],
  lastGeneration: (console: string) => number,
  mutations: readonly MutationRow[],
  log: readonly OpsEvent[],
  officerIds: ReadonlySet<string>,
): CommandAudit {
  const problems: string[] = [];
  const bySeq = new Map(log.map((event) => [event.seq, event]));
  const rows = new Map(mutations.map((row) => [row.mutationId, row]));
  // Notes and escalation reasons carry their mutation id, so a second application would show as a second event.
  const textCount = new Map<string, number>();
  for (const event of log) {
    const text = event.type === 'alert.noted' ? event.text : event.type === 'alert.escalated' && !event.auto ? event.reason : undefined;
    const id = text?.match(/\[(chaos-[^\]]+)\]/)?.[1];
    if (id !== undefined) textCount.set(id, (textCount.get(id) ?? 0) + 1);
  }
  let applied = 0;
  let refused = 0;
  let unanswered = 0;
  let appliedTwice = 0;
  let resentDuplicates = 0;
  const refusalsByCode: Record<string, number> = {};
  for (const entry of given) {
    const { command } = entry;
    const id = command.mutationId;
    const final = entry.answers.at(-1);
    resentDuplicates += entry.answers.filter((ack) => ack.ok && ack.duplicate === true).length;
    if (final === undefined) {
      unanswered += 1;
      problems.push(`${id} (${command.type} by ${entry.console}) got no answer`);
      continue;
    }
    if (entry.resolvedTimes > 1) problems.push(`${id}: send() resolved ${entry.resolvedTimes} times`);
    if (entry.generation === lastGeneration(entry.console) && entry.resolved === undefined) {
      problems.push(`${id}: the window it was given in is still open, but send() never resolved`);
    }
    if (entry.resolved !== undefined && canonical(entry.resolved) !== canonical(final) && !(entry.resolved.ok && final.ok && entry.resolved.seq === final.seq)) {
      problems.push(`${id}: send() resolved ${canonical(entry.resolved)} but the last answer was ${canonical(final)}`);
    }
    const oks = entry.answers.filter((ack) => ack.ok);
    if (new Set(oks.map((ack) => ack.ok && ack.seq)).size > 1) problems.push(`${id}: accepted at different seqs ${canonical(oks)}`);
    const row = rows.get(id);
    const texts = textCount.get(id) ?? 0;
    if (final.ok) {
      applied += 1;
      const event = bySeq.get(final.seq);
      if (row === undefined) problems.push(`${id}: accepted at ${final.seq} but the hub recorded no mutation`);
      else if (row.seq !== final.seq || row.officerId !== entry.officerId) problems.push(`${id}: the hub recorded ${canonical(row)}, the answer said ${final.seq}`);
      if (event === undefined) problems.push(`${id}: accepted at ${final.seq} but the log has no such event`);
      else if (event.type !== EVENT_OF[command.type] || !('alertId' in event) || event.alertId !== command.alertId || event.by.id !== entry.officerId) {
        problems.push(`${id}: event ${final.seq} is ${event.type} on ${'alertId' in event ? event.alertId : '?'}, not ${command.type} on ${command.alertId} by ${entry.officerId}`);
      }
      if ((command.type === 'note' || command.type === 'escalate') && texts !== 1) {
        appliedTwice += texts > 1 ? 1 : 0;
        problems.push(`${id}: ${texts} events in the log carry it`);
      }
    } else {
      refused += 1;
      refusalsByCode[final.code] = (refusalsByCode[final.code] ?? 0) + 1;
      if (final.message.trim() === '') problems.push(`${id}: refused without a reason`);
      if (row !== undefined) problems.push(`${id}: refused, yet the hub recorded it at ${row.seq}`);
      if (texts > 0) problems.push(`${id}: refused, yet ${texts} events in the log carry it`);
    }
  }
  const accepted = new Set(given.filter((entry) => entry.answers.at(-1)?.ok === true).map((entry) => entry.command.mutationId));
  for (const row of mutations) if (!accepted.has(row.mutationId)) problems.push(`the hub recorded mutation ${row.mutationId} that no console saw accepted`);
  const officerEvents = log.filter(
    (event) => 'by' in event && officerIds.has(event.by.id) && event.type !== 'audit.details-viewed' && !(event.type === 'alert.escalated' && event.auto),
  );
  if (officerEvents.length !== mutations.length) {
    // Events beyond one per accepted mutation are second applications (of notes and escalations, counted above already).
    appliedTwice = Math.max(appliedTwice, officerEvents.length - mutations.length);
    problems.push(`the log holds ${officerEvents.length} officers' events for ${mutations.length} accepted mutations`);
  }
  return { problems, applied, refused, unanswered, appliedTwice, resentDuplicates, refusalsByCode };
}
