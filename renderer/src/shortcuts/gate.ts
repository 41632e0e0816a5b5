/**
 * Whether a key press is a console shortcut. Keys act only where the officer is working on alerts (the
 * queue or the detail has focus), the timeline's own keys also from the timeline, never while typing, never while a dialog is open, and never as the tail
 * of what was being typed in a dialog that just closed: a key that follows the last one typed in the dialog
 * (or the last such stray key) by less than `STRAY_GAP_MS` is `stray`, and the burst goes on until a pause.
 * Single-character keys (letters, `?`, `/`) can be turned off by the officer (WCAG 2.1.4, character key
 * shortcuts); arrows, Enter and Escape are navigation and stay.
 */

/** A pause this long ends a burst of typing; a key sooner after the last one belongs to the burst. */
export const STRAY_GAP_MS = 500;

interface KeyPress {
  readonly key: string;
  /** Ctrl, Meta or Alt held: a browser or system shortcut, never ours. */
  readonly withModifier: boolean;
}

export type ShortcutPlace = 'alerts' | 'timeline' | undefined;

/** Keys that also act from the timeline: its own (pause or play, back to live, to the bar) and the shortcut sheet. */
const TIMELINE_KEYS: ReadonlySet<string> = new Set(['p', 'l', 't', '?']);

export interface KeyContext {
  /** The focus is in a text field, a select or editable content. */
  readonly typing: boolean;
  /** Where the focus is: the queue or the alert detail, the timeline, or elsewhere. */
  readonly place: ShortcutPlace;
  readonly dialogOpen: boolean;
  /** When a character was last typed in a dialog, or a key last taken as stray after one (ms). */
  readonly lastDialogKeyAt: number | undefined;
  readonly now: number;
  /** The officer's choice: single-character shortcuts on or off. */
  readonly singleKeysOn: boolean;
}

/** `stray`: ignored as the tail of typing in a dialog; the caller records it, so the burst goes on. */
type GateAnswer = 'act' | 'ignore' | 'stray';

export function isSingleCharacterKey(key: string): boolean {
  return [...key].length === 1;
}

export function shortcutGate(press: KeyPress, context: KeyContext): GateAnswer {
  if (context.dialogOpen) return 'ignore';
  if (context.lastDialogKeyAt !== undefined && context.now - context.lastDialogKeyAt < STRAY_GAP_MS) return 'stray';
  if (press.withModifier || context.typing || context.place === undefined) return 'ignore';
  if (context.place === 'timeline' && !TIMELINE_KEYS.has(press.key)) return 'ignore';
  if (isSingleCharacterKey(press.key) && !context.singleKeysOn) return 'ignore';
  return 'act';
}
