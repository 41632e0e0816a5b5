import {
  Checkpoint,
  Command,
  DetailsRequest,
  EARLIER_REVEALS_MAX,
  Operation,
  decideCommand,
  describeIssues,
  mayAdminister,
  mayRevealDetails,
  parseWith,
  refuse as refused,
  requireCapability,
  settleGivenAt,
  type CommandAck,
  type DetailsResponse,
  type EarlierReveal,
  type Officer,
  type PendingEvent,
  type Refusal,
} from '@watchfloor/shared';
import type { Logger } from 'pino';
import { appendAudit, readAuditTrail } from '../audit/index';
import type { Queryable } from '../db/database';
import type { OfficerDirectory } from '../auth/officers';
import type { Database } from '../db/database';
import { findMutation, markSubjectResolved, readBack, readSubject, recordMutation } from '../log/event-store';
import { createRefusalRecorder } from '../log/refusal-log';
import type { LogWriter } from './log-writer';
import { parseStorable, unstorableText } from './storable';

/**
 * What officers ask of the hub: commands on alerts, a look at a hit's personal details (audited), and an
 * administrator's changes to operations and checkpoints. Input is checked first (a command's given time against the hub's clock
 * and the alert's raise, `settleGivenAt`); what the officer's role
 * alone refuses is answered without the writer, the rest is decided inside a write on the latest state.
 * Every refusal is logged and recorded. A reveal and an admin change are recorded in the audit trail in
 * the transaction that serves or makes them.
 */

export type AdminOutcome = { readonly ok: true; readonly seq: number } | Refusal;

export interface OfficerRequests {
  executeCommand(officer: Officer, input: unknown): Promise<CommandAck>;
  upsertOperation(officer: Officer, input: unknown): Promise<AdminOutcome>;
  upsertCheckpoint(officer: Officer, input: unknown): Promise<AdminOutcome>;
  revealDetails(officer: Officer, input: unknown): Promise<DetailsResponse>;
  /** Resolves when every refusal so far is recorded. */
  flushRefusals(): Promise<void>;
}

export interface OfficerRequestDeps {
  readonly db: Database;
  readonly log: Logger;
  readonly directory: OfficerDirectory;
  readonly now: () => number;
  readonly writer: LogWriter;
  /** The ids of the bureau's reveal purposes; a reveal must name one. */
  readonly revealPurposes: readonly string[];
}

export function createOfficerRequests(deps: OfficerRequestDeps): OfficerRequests {
  const { log, directory, now, writer } = deps;
  const refusals = createRefusalRecorder({ db: deps.db, log });

  /** Logs a refusal and records it; the row is written later, outside any write, so it holds up no one. */
  function refuse<R extends Refusal>(officer: Officer, command: unknown, refusal: R): R {
    log.warn({ officer: officer.id, role: officer.role, code: refusal.code, reason: refusal.reason, message: refusal.message, command }, 'command refused');
    refusals.record({ ...refusal, officer: { id: officer.id, name: officer.name }, command, at: now() });
    return refusal;
  }

  async function upsert(officer: Officer, event: PendingEvent & { type: 'operation.updated' | 'checkpoint.updated' }): Promise<AdminOutcome> {
    const target = event.type === 'operation.updated' ? 'operation' : 'checkpoint';
    const id = event.type === 'operation.updated' ? event.operation.id : event.checkpoint.id;
    const decision = mayAdminister(officer);
    if (!decision.ok) return refuse(officer, { type: event.type, id }, decision);
    const logged = await writer.write(async (tx, append) => {
      const appended = await append(event);
      await appendAudit(tx, { act: 'admin-changed', at: appended.at, officer: { id: officer.id, name: officer.name }, details: { target, id, eventSeq: appended.seq } });
      return appended;
    });
    return { ok: true, seq: logged.seq };
  }

  return {
    executeCommand(officer, input) {
      const parsed = parseWith(Command, input);
      if (!parsed.ok) {
        const unreadable = refused('invalid', 'command-unreadable', { detail: describeIssues(parsed.issues) });
        log.warn({ officer: officer.id, reason: unreadable.message }, 'command refused');
        return Promise.resolve(unreadable);
      }
      const command = parsed.value;
      const unstorable = unstorableText(command);
      if (unstorable !== undefined) {
        return Promise.resolve(refused('invalid', 'command-unreadable', { detail: describeIssues([unstorable]) }));
      }
      // Refused by role alone: decided without the writer, which ingest and other officers' commands wait for.
      const byRole = requireCapability(officer, 'act');
      if (!byRole.ok) return Promise.resolve(refuse(officer, command, byRole));
      return writer.write(async (tx, append): Promise<CommandAck> => {
        const previous = await findMutation(tx, command.mutationId);
        if (previous !== undefined) {
          if (previous.officerId === officer.id) return { ok: true, seq: previous.seq, duplicate: true };
          return refuse(officer, command, refused('invalid', 'mutation-id-taken', {}));
        }
        const alert = writer.state().alerts.get(command.alertId);
        if (alert === undefined) {
          return refuse(officer, command, refused('not-found', 'no-such-alert', { alertId: command.alertId }));
        }
        const given = settleGivenAt(command.givenAt, alert, now());
        if (!given.ok) return refuse(officer, command, given);
        const settled: Command = given.givenAt === undefined ? command : { ...command, givenAt: given.givenAt };
        const assignee = command.type === 'assign' ? await directory.find(command.officerId, tx) : undefined;
        const decision = decideCommand(officer, settled, alert, assignee);
        if (!decision.ok) return refuse(officer, command, decision);
        const checked = readBack(decision.event, now());
        if (!checked.ok) {
          return refuse(officer, command, refused('invalid', 'command-unreadable', { detail: describeIssues(checked.issues) }));
        }
        const event = await append(decision.event);
        await recordMutation(tx, command.mutationId, officer.id, event.seq, event.at);
        if (event.type === 'alert.resolved' && event.final) await markSubjectResolved(tx, event.alertId, event.at);
        return { ok: true, seq: event.seq };
      });
    },

    upsertOperation(officer, input) {
      const parsed = parseStorable(Operation, input);
      if (!parsed.ok) return Promise.resolve(refused('invalid', 'request-unreadable', { detail: describeIssues(parsed.issues) }));
      return upsert(officer, { type: 'operation.updated', operation: parsed.value });
    },

    upsertCheckpoint(officer, input) {
      const parsed = parseStorable(Checkpoint, input);
      if (!parsed.ok) return Promise.resolve(refused('invalid', 'request-unreadable', { detail: describeIssues(parsed.issues) }));
      return upsert(officer, { type: 'checkpoint.updated', checkpoint: parsed.value });
    },

    revealDetails(officer, input) {
      const parsed = parseStorable(DetailsRequest, input);
      if (!parsed.ok) return Promise.resolve(refused('invalid', 'request-unreadable', { detail: describeIssues(parsed.issues) }));
      const { hitId, purpose, reason } = parsed.value;
      const refusal = (refusedDetails: Refusal & { readonly code: Extract<DetailsResponse, { ok: false }>['code'] }): DetailsResponse => refuse(officer, { type: 'details', hitId }, refusedDetails);
      // Refused by role alone: decided without the writer, as commands are.
      const byRole = requireCapability(officer, 'reveal-details');
      if (!byRole.ok) return Promise.resolve(refusal(byRole));
      if (!deps.revealPurposes.includes(purpose)) {
        return Promise.resolve(
          refusal(refused('invalid', 'unknown-purpose', { purpose, purposes: deps.revealPurposes })),
        );
      }
      return writer.write(async (tx, append): Promise<DetailsResponse> => {
        const alert = writer.state().alerts.get(hitId);
        if (alert === undefined) return refusal(refused('not-found', 'no-such-hit', { hitId }));
        const decision = mayRevealDetails(officer, alert);
        if (!decision.ok) return refusal(decision);
        const subject = await readSubject(tx, hitId);
        if (subject === undefined) return refusal(refused('not-found', 'no-details-held', { hitId }));
        const earlier = await earlierReveals(tx, hitId);
        const viewed = await append({ type: 'audit.details-viewed', hitId, purpose, reason, by: { id: officer.id, name: officer.name } });
        // The accountable record; the event above tells the roles that may watch the trail.
        await appendAudit(tx, { act: 'details-revealed', at: viewed.at, officer: { id: officer.id, name: officer.name }, hitId, details: { purpose, reason } });
        return { ok: true, hitId, subject, ...earlier };
      });
    },

    flushRefusals: () => refusals.flush(),
  };
}

/**
 * Who revealed a hit's details before, from the audit trail: the latest `EARLIER_REVEALS_MAX`, latest
 * first, and how many there were. Read in the reveal's own transaction, so it is the trail as it stood.
 */
async function earlierReveals(tx: Queryable, hitId: string): Promise<{ earlierReveals: EarlierReveal[]; earlierRevealsTotal: number }> {
  let latest: EarlierReveal[] = [];
  let total = 0;
  let afterSeq: number | undefined = 0;
  while (afterSeq !== undefined) {
    const page = await readAuditTrail(tx, { hitId, act: 'details-revealed', afterSeq, limit: 1000 });
    for (const record of page.records) {
      if (record.act !== 'details-revealed') continue;
      total += 1;
      const purpose = record.details.purpose;
      latest.push({ at: record.at, officer: record.officer ?? { id: 'unknown', name: '' }, ...(purpose === undefined ? {} : { purpose }) });
    }
    latest = latest.slice(-EARLIER_REVEALS_MAX);
    afterSeq = page.next;
  }
  return { earlierReveals: latest.reverse(), earlierRevealsTotal: total };
}
