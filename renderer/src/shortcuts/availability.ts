import { mayAct, type Alert, type Decision, type Officer, type Refusal } from '@watchfloor/shared';

/**
 * Whether a command's shortcut may open its action now, and if not, why: the same answer the detail's
 * buttons give by being disabled (`mayAct` from `shared/`, and a command still waiting for the hub), plus
 * what the screen itself rules out (the past on screen, a role that only watches, nothing selected).
 */
export type ActionKind = 'acknowledge' | 'escalate' | 'resolve' | 'note';

export type Unavailable =
  | { readonly why: 'past' | 'read-only' | 'nothing-selected' | 'pending' }
  | { readonly why: 'rule'; readonly refusal: Refusal };

type Availability = { readonly ok: true; readonly alert: Alert } | ({ readonly ok: false } & Unavailable);

export interface ActionContext {
  readonly officer: Officer;
  /** The screen shows the past (replay or paused). */
  readonly past: boolean;
  /** The officer's role cannot act on alerts at all. */
  readonly readOnly: boolean;
  readonly selected: Alert | undefined;
  /** A command on the selected alert has not been answered by the hub yet. */
  readonly pending: boolean;
}

export function actionAvailability(kind: ActionKind, context: ActionContext): Availability {
  if (context.past) return { ok: false, why: 'past' };
  if (context.readOnly) return { ok: false, why: 'read-only' };
  if (context.selected === undefined) return { ok: false, why: 'nothing-selected' };
  if (context.pending) return { ok: false, why: 'pending' };
  const decision: Decision = mayAct(context.officer, kind, context.selected);
  if (!decision.ok) return { ok: false, why: 'rule', refusal: decision };
  return { ok: true, alert: context.selected };
}
