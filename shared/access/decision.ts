import type { Refusal, RefusalCode } from '../protocol/commands';
import { refusalOf, type ReasonWithParams, type RefusalParams, type RefusalReasonCode } from '../protocol/refusals';

/**
 * The answer to "may this officer do this?": yes, or a refusal whose code, reason and parameters the hub
 * sends back and the console words beside a disabled control, so both say the same thing.
 */
export type Decision<R extends Refusal = Refusal> = { readonly ok: true } | R;

/** A refusal by role or scope: what the officer is never allowed, whatever the state of the alert. */
export type Forbidden = Refusal & { readonly code: 'forbidden' };

export const allowed = { ok: true } as const;

/** A refusal with `code`, for `reason` with its parameters, its English message built from them. */
export function refuse<C extends RefusalCode, R extends RefusalReasonCode>(code: C, reason: R, params: RefusalParams[R]): Refusal & { readonly code: C } {
  return { ok: false, code, ...refusalOf({ reason, params } as ReasonWithParams) };
}

export function forbidden<R extends RefusalReasonCode>(reason: R, params: RefusalParams[R]): Forbidden {
  return refuse('forbidden', reason, params);
}

export function conflict<R extends RefusalReasonCode>(reason: R, params: RefusalParams[R]): Refusal {
  return refuse('conflict', reason, params);
}
