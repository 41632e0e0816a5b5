import type { Refusal } from '../protocol/commands';

/**
 * The answer to "may this officer do this?": yes, or a refusal whose code and message the hub sends back
 * and the console shows beside a disabled control, so both say the same thing.
 */
export type Decision<R extends Refusal = Refusal> = { readonly ok: true } | R;

/** A refusal by role or scope: what the officer is never allowed, whatever the state of the alert. */
export type Forbidden = Refusal & { readonly code: 'forbidden' };

export const allowed = { ok: true } as const;

export function forbidden(message: string): Forbidden {
  return { ok: false, code: 'forbidden', message };
}

export function conflict(message: string): Refusal {
  return { ok: false, code: 'conflict', message };
}
