import { useEffect, useState } from 'react';

/**
 * A brief, non-modal line saying why a shortcut did nothing: a polite live region that is always in the
 * page (so screen readers announce what appears in it) and empties itself after a few seconds.
 */
const SHOWN_MS = 6_000;

export interface Hint {
  readonly text: string;
  /** Changes with every hint, so the same words said twice are shown (and announced) twice. */
  readonly serial: number;
}

export function ShortcutHint(props: { readonly hint: Hint | undefined }) {
  const [shown, setShown] = useState<Hint | undefined>(undefined);
  useEffect(() => {
    setShown(props.hint);
    if (props.hint === undefined) return;
    const timer = window.setTimeout(() => setShown(undefined), SHOWN_MS);
    return () => window.clearTimeout(timer);
  }, [props.hint]);
  return (
    <p className={shown ? 'shortcut-hint shortcut-hint--shown' : 'shortcut-hint'} role="status" aria-live="polite" data-testid="shortcut-hint">
      {shown?.text}
    </p>
  );
}
