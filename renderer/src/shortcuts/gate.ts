/**
 * Whether a key press is a console shortcut. Keys act only where the officer is working on alerts (the
 * queue or the detail has focus), never while typing, never while a dialog is open, and never in the
 * moment just after one closed, when the rest of a typed sentence may still be arriving. Single-character
 * keys (letters, `?`, `/`) can be turned off by the officer (WCAG 2.1.4, character key shortcuts); arrows,
 * Enter and Escape are navigation and stay.
 */

/** Keys that arrive this soon after a dialog closed are taken as the tail of what was typed in it. */
export const QUIET_AFTER_DIALOG_MS = 750;

export interface KeyPress {
  readonly key: string;
  /** Ctrl, Meta or Alt held: a browser or system shortcut, never ours. */
  readonly withModifier: boolean;
}

export interface KeyContext {
  /** The focus is in a text field, a select or editable content. */
  readonly typing: boolean;
  /** The focus is in the queue or the alert detail. */
  readonly inAlerts: boolean;
  readonly dialogOpen: boolean;
  /** When the last dialog closed (ms), if one has. */
  readonly dialogClosedAt: number | undefined;
  readonly now: number;
  /** The officer's choice: single-character shortcuts on or off. */
  readonly singleKeysOn: boolean;
}

export type GateAnswer = 'act' | 'ignore';

export function isSingleCharacterKey(key: string): boolean {
  return [...key].length === 1;
}

export function shortcutGate(press: KeyPress, context: KeyContext): GateAnswer {
  if (press.withModifier || context.typing || context.dialogOpen || !context.inAlerts) return 'ignore';
  if (context.dialogClosedAt !== undefined && context.now - context.dialogClosedAt < QUIET_AFTER_DIALOG_MS) return 'ignore';
  if (isSingleCharacterKey(press.key) && !context.singleKeysOn) return 'ignore';
  return 'act';
}
