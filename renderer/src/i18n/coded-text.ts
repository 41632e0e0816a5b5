import { AUTO_ESCALATION_REASONS, PHASE_CODES, type AlertHistoryEntry, type RefusalReasonCode } from '@watchfloor/shared';
import type { TFunction } from 'i18next';
import { en } from './en';

/**
 * Words what the hub and the shared rules say by code, in the officer's language: a refusal by its reason
 * and parameters, an automatic escalation by the reason its event stores, an operation phase by its code.
 * A refusal reason this console does not know (from a newer hub) shows the hub's English message; an
 * escalation reason that is no code (an officer's own words, or an automatic escalation logged before the
 * codes) shows as stored.
 */

type Params = Readonly<Record<string, string | number | readonly string[]>>;

/** A refusal as the wire carries it: `reason` and `params` are absent only in a console-side stand-in. */
export interface CodedRefusal {
  readonly reason?: string;
  readonly params?: Params;
  readonly message: string;
}

/** Every reason code has its sentence: a code missing from English does not compile. */
const REFUSALS: Readonly<Record<RefusalReasonCode, string>> = en.refusals;

const isRefusalReason = (reason: string): reason is RefusalReasonCode => Object.hasOwn(REFUSALS, reason);

/** The parameters a sentence reads, with the codes among them (roles, outcomes, states…) put into words. */
function worded(t: TFunction, params: Params): Record<string, unknown> {
  const words: Record<string, unknown> = { ...params };
  const { roles, doing, outcome, status, request, cause, severity } = params;
  if (Array.isArray(roles)) words.roles = roles.map((role) => t(`refusalWords.role.${role}`));
  if (typeof doing === 'string') words.doing = t(`refusalWords.doing.${doing}`);
  if (typeof outcome === 'string') words.outcome = outcome === 'none' ? t('refusalWords.noOutcome') : t(`outcomes.${outcome}`);
  if (typeof status === 'string') words.status = t(`map.status.${status}`);
  if (typeof request === 'string') words.request = t(`refusalWords.request.${request}`);
  if (typeof cause === 'string') words.cause = t(`refusalWords.notQueued.${cause}`);
  if (typeof severity === 'string') words.severity = t(`map.severity.${severity}`);
  return words;
}

export function refusalText(t: TFunction, refusal: CodedRefusal): string {
  const { reason, params = {} } = refusal;
  if (reason === undefined || !isRefusalReason(reason)) return refusal.message;
  const words = worded(t, params);
  if (reason === 'role-cannot' && Array.isArray(params.roles) && params.roles.length === 0) return t('refusalWords.noRole', words);
  return t(`refusals.${reason}`, words);
}

type Escalation = Pick<Extract<AlertHistoryEntry, { type: 'alert.escalated' }>, 'reason' | 'reasonParams' | 'auto'>;

export function escalationReasonText(t: TFunction, escalation: Escalation): string {
  const { reason, reasonParams = {}, auto } = escalation;
  if (!auto || !(AUTO_ESCALATION_REASONS as readonly string[]).includes(reason)) return reason;
  return t(`autoEscalation.${reason}`, worded(t, reasonParams));
}

/** An operation's phase: a known code in words, an administrator's own words as written. */
export function phaseText(t: TFunction, phase: string): string {
  return (PHASE_CODES as readonly string[]).includes(phase) ? t(`phases.${phase}`) : phase;
}
