import { useEffect, useRef } from 'react';
import { isSingleCharacterKey, shortcutGate, type ShortcutPlace } from '../shortcuts/gate';

/**
 * The console's keyboard: one window listener that asks the shortcut gate whether a key press is a
 * shortcut here and now, and runs the handler the screen gives for that key. The screen owns what each key
 * does; this module owns where and when keys act (focus place, typing, dialogs and the stray tail of typing
 * in one, a button's own Enter).
 */
export type KeyHandlers = Readonly<Record<string, () => void>>;

export interface ConsoleKeysOptions {
  /** False for a screen with nothing to act on (the wall). */
  readonly enabled: boolean;
  readonly dialogOpen: boolean;
  readonly singleKeysOn: boolean;
  /** By `KeyboardEvent.key`; the latest handlers are used, so they may be rebuilt on every render. */
  readonly handlers: KeyHandlers;
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** Where the focus is, for the shortcut gate. */
function shortcutPlace(target: EventTarget | null): ShortcutPlace {
  if (!(target instanceof Element)) return undefined;
  if (target.closest('.panel--queue, #alert-detail-panel') !== null) return 'alerts';
  return target.closest('.panel--timeline') !== null ? 'timeline' : undefined;
}

/** A control that Enter itself activates (a button, a link): Enter there is the control's, not a shortcut. */
function activatesOnEnter(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('button, a[href], summary') !== null;
}

export function useConsoleKeys(options: ConsoleKeysOptions): void {
  const latest = useRef(options);
  latest.current = options;
  /** When a character was last typed in a dialog (or a key taken as the stray tail of that typing). */
  const lastDialogKeyAt = useRef<number | undefined>(undefined);

  useEffect(() => {
    if (!options.enabled) return;
    const onKey = (event: KeyboardEvent) => {
      const { dialogOpen, singleKeysOn, handlers } = latest.current;
      const now = Date.now();
      const gate = shortcutGate(
        { key: event.key, withModifier: event.ctrlKey || event.metaKey || event.altKey },
        { typing: isTyping(event.target), place: shortcutPlace(event.target), dialogOpen, lastDialogKeyAt: lastDialogKeyAt.current, now, singleKeysOn },
      );
      // Typing in a dialog starts a burst whose tail is stray; Esc, Enter or Tab there are deliberate.
      if ((dialogOpen && isSingleCharacterKey(event.key)) || gate === 'stray') lastDialogKeyAt.current = now;
      if (gate !== 'act') return;
      if (event.key === 'Enter' && activatesOnEnter(event.target)) return;
      const handler = handlers[event.key];
      if (handler === undefined) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [options.enabled]);
}
