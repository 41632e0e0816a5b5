import { z } from 'zod';
import type { AlertStatus, Outcome, Role } from '../domain/model';

/**
 * Why something was refused, as a stable code with typed parameters. The console words a refusal in the
 * officer's language from its code (`refusals.<reason>` in its bundles); the English `message` built here
 * from the same code is for the hub's logs, the audit trail and clients other than the console.
 */

/** What a role refusal says the officer tried to do: a capability, or a narrower action. */
export type RefusedDoing =
  | 'watch-operation'
  | 'act'
  | 'supervise'
  | 'replay'
  | 'reveal-details'
  | 'see-audit'
  | 'review-audit-trail'
  | 'administer'
  | 'command-operation'
  | 'assign-alerts'
  | 'export-debrief';

/** Which request was over its limit, in a `rate-limited` refusal. */
export type LimitedRequest = 'command' | 'details' | 'history';

/** Why the console could not queue a command (its local outbox refused it). */
export type NotQueuedCause = 'duplicate' | 'invalid' | 'unbound' | 'gap' | 'quota' | 'rebuilt' | 'failed';

/** Each refusal reason and its parameters. */
export interface RefusalParams {
  'role-cannot': { readonly doing: RefusedDoing; readonly roles: readonly Role[] };
  'out-of-scope': { readonly scope: string };
  'audit-trail-bureau-wide': Record<string, never>;
  'already-resolved': { readonly outcome: Outcome | 'none' };
  'you-hold-it': Record<string, never>;
  'held-by-other': { readonly name: string };
  'status-not-acknowledgeable': { readonly status: AlertStatus };
  'acknowledge-before-escalating': Record<string, never>;
  'awaiting-confirmation': Record<string, never>;
  'at-top-level': { readonly level: number };
  'level-not-higher': { readonly level: number };
  'confirmation-by-shift-lead': Record<string, never>;
  'acknowledge-before-resolving': Record<string, never>;
  'no-such-officer': { readonly officerId: string };
  'assignee-holds': { readonly name: string };
  'given-after-hub-clock': { readonly givenAt: number };
  'given-before-raised': { readonly givenAt: number };
  'no-such-alert': { readonly alertId: string };
  'mutation-id-taken': Record<string, never>;
  'command-unreadable': { readonly detail: string };
  'request-unreadable': { readonly detail: string };
  'unknown-purpose': { readonly purpose: string; readonly purposes: readonly string[] };
  'no-such-hit': { readonly hitId: string };
  'no-details-held': { readonly hitId: string };
  'rate-limited': { readonly request: LimitedRequest; readonly seconds: number };
  'not-stored': Record<string, never>;
  'history-unavailable': Record<string, never>;
  'details-unavailable': Record<string, never>;
  'queued-elsewhere': Record<string, never>;
  'not-queued': { readonly cause: NotQueuedCause };
}
export type RefusalReasonCode = keyof RefusalParams;

/** A reason with its parameters, as refusals carry them. */
export type ReasonWithParams = { [R in RefusalReasonCode]: { readonly reason: R; readonly params: RefusalParams[R] } }[RefusalReasonCode];

/** A refusal's reason and parameters on the wire: read loosely, so a console still shows a newer hub's refusal by its message. */
export const WireReason = {
  reason: z.string().min(1).max(60),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string()).readonly()])),
};

/** A role as English sentences name it. */
export const ROLE_CALLED: { readonly [R in Role]: string } = {
  observer: 'an observer',
  'duty-officer': 'a duty officer',
  'shift-lead': 'a shift lead',
  admin: 'an admin',
  auditor: 'an auditor',
};

const DOING: { readonly [D in RefusedDoing]: string } = {
  'watch-operation': 'receive the operation picture',
  act: 'act on alerts',
  supervise: 'act on alerts others hold',
  replay: 'replay an operation',
  'reveal-details': 'reveal personal details',
  'see-audit': 'receive audit events',
  'review-audit-trail': 'review the audit trail',
  administer: 'change operations and checkpoints',
  'command-operation': 'receive level-3 escalations',
  'assign-alerts': 'assign alerts',
  'export-debrief': 'export a debrief',
};

const LIMITED: { readonly [L in LimitedRequest]: string } = { command: 'commands', details: 'requests for personal details', history: 'history requests' };

function orList(words: readonly string[]): string {
  return words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} or ${words.at(-1)!}`;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The refusal in English, for logs, the audit trail and clients other than the console. */
function englishRefusal(refusal: ReasonWithParams): string {
  switch (refusal.reason) {
    case 'role-cannot': {
      const { roles, doing } = refusal.params;
      return roles.length === 0 ? `No role can ${DOING[doing]}.` : `Only ${orList(roles.map((role) => ROLE_CALLED[role]))} can ${DOING[doing]}.`;
    }
    case 'out-of-scope': return `This alert does not concern your country scope (${refusal.params.scope}).`;
    case 'audit-trail-bureau-wide': return 'The audit trail is reviewed bureau-wide: an officer with a country scope cannot review it.';
    case 'already-resolved': return `This alert was already resolved (${refusal.params.outcome === 'none' ? 'no outcome' : refusal.params.outcome}).`;
    case 'you-hold-it': return 'You already hold this alert.';
    case 'held-by-other': return `Already acknowledged by ${refusal.params.name}.`;
    case 'status-not-acknowledgeable': return `A ${refusal.params.status} alert cannot be acknowledged.`;
    case 'acknowledge-before-escalating': return 'Acknowledge the alert before escalating it.';
    case 'awaiting-confirmation': return 'The alert is awaiting confirmation.';
    case 'at-top-level': return `The alert is already at the top escalation level (${refusal.params.level}).`;
    case 'level-not-higher': return `The alert is already at escalation level ${refusal.params.level}.`;
    case 'confirmation-by-shift-lead': return 'Awaiting confirmation by a shift lead.';
    case 'acknowledge-before-resolving': return 'Acknowledge the alert before resolving it.';
    case 'no-such-officer': return `No officer ${refusal.params.officerId}.`;
    case 'assignee-holds': return `${refusal.params.name} already holds this alert.`;
    case 'given-after-hub-clock': return `givenAt: ${iso(refusal.params.givenAt)} is later than the hub's clock allows; check this workstation's clock.`;
    case 'given-before-raised': return `givenAt: ${iso(refusal.params.givenAt)} is before the alert was raised; check this workstation's clock.`;
    case 'no-such-alert': return `No alert ${refusal.params.alertId}.`;
    case 'mutation-id-taken': return 'This mutation id was already used by another officer.';
    case 'command-unreadable': return `Invalid command: ${refusal.params.detail}`;
    case 'request-unreadable': return refusal.params.detail;
    case 'unknown-purpose': return `purpose: "${refusal.params.purpose}" is not one of this bureau's purposes (${refusal.params.purposes.join(', ')}).`;
    case 'no-such-hit': return `No hit ${refusal.params.hitId}.`;
    case 'no-details-held': return `No personal details are held for hit ${refusal.params.hitId}.`;
    case 'rate-limited': return `Too many ${LIMITED[refusal.params.request]} from this console; the hub did not act on this one. Try again in ${refusal.params.seconds} s.`;
    case 'not-stored': return 'The hub could not store this command just now; it was not applied. Try again.';
    case 'history-unavailable': return 'History could not be read just now. Try again.';
    case 'details-unavailable': return 'Details could not be read just now. Try again.';
    case 'queued-elsewhere': return 'Queued for another hub or officer; it was not sent.';
    case 'not-queued': return `Not queued by this console's outbox (${refusal.params.cause}).`;
  }
}

/** The reason, its parameters and its English message, as a refusal carries them. */
export function refusalOf(refusal: ReasonWithParams): ReasonWithParams & { readonly message: string } {
  return { ...refusal, message: englishRefusal(refusal) };
}
