import { useCallback, useState } from 'react';

/**
 * An on/off choice kept by this workstation (localStorage), not by the officer's account: whoever sits at
 * the desk finds it as it was left. Storage that cannot be read or written (private mode, a full disk)
 * leaves the default and the choice lasts for this window only.
 */
type WorkstationFlag = 'single-key-shortcuts' | 'alarm-sound';

const storageKey = (flag: WorkstationFlag) => `watchfloor.${flag}`;

function readWorkstationFlag(flag: WorkstationFlag, fallback: boolean): boolean {
  try {
    const stored = window.localStorage.getItem(storageKey(flag));
    return stored === 'on' ? true : stored === 'off' ? false : fallback;
  } catch {
    return fallback;
  }
}

export function useWorkstationFlag(flag: WorkstationFlag, fallback: boolean): readonly [boolean, (on: boolean) => void] {
  const [value, setValue] = useState(() => readWorkstationFlag(flag, fallback));
  const set = useCallback(
    (on: boolean) => {
      setValue(on);
      try {
        window.localStorage.setItem(storageKey(flag), on ? 'on' : 'off');
      } catch {
        // Kept for this window only; see above.
      }
    },
    [flag],
  );
  return [value, set] as const;
}
