import type { LanguageCode } from '@watchfloor/shared';
import { chooseLanguage } from './choose-language';
import { changeLanguage } from './index';

/**
 * The languages chosen at this workstation (localStorage): each officer's own, under their id, and the one
 * chosen at sign-in before anyone is known. Storage that cannot be read or written (private mode, a full
 * disk) remembers nothing, and a choice then lasts for this window only.
 */
const SIGN_IN_KEY = 'watchfloor.language';
const officerKey = (officerId: string) => `watchfloor.language:${officerId}`;

function recall(key: string): string | undefined {
  try {
    return window.localStorage.getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

/** The language for the officer (none: at sign-in) given the bureau's default and what this workstation remembers. */
export function languageFor(bureauDefault: string | undefined, officerId?: string): LanguageCode {
  return chooseLanguage({
    officerChoice: officerId === undefined ? undefined : recall(officerKey(officerId)),
    signInChoice: recall(SIGN_IN_KEY),
    bureauDefault,
    workstationLanguages: navigator.languages,
  });
}

/** Remembers the language as the officer's own (none: this workstation's at sign-in). */
export function rememberLanguage(language: LanguageCode, officerId?: string): void {
  try {
    window.localStorage.setItem(officerId === undefined ? SIGN_IN_KEY : officerKey(officerId), language);
  } catch {
    // Remembered for this window only; see above.
  }
}

/** The officer (none: whoever is at the sign-in screen) chooses a language: it applies at once and is remembered. */
export async function chooseOwnLanguage(language: LanguageCode, officerId?: string): Promise<void> {
  rememberLanguage(language, officerId);
  await changeLanguage(language);
}
