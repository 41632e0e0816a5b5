import { spokenLanguage, type LanguageCode } from '@watchfloor/shared';

/**
 * Which language the console speaks, first that applies: the officer's own choice; the choice made at this
 * workstation's sign-in (before anyone was known); the bureau's default; the first of the workstation's
 * languages the console speaks; English. A step counts only if it names a language the console speaks
 * (`fr-BJ` is French): anything else, remembered or configured, passes to the next step.
 */
export interface LanguageSources {
  readonly officerChoice?: string | undefined;
  readonly signInChoice?: string | undefined;
  readonly bureauDefault?: string | undefined;
  /** The workstation's languages in its order of preference (`navigator.languages`). */
  readonly workstationLanguages: readonly string[];
}

export function chooseLanguage(sources: LanguageSources): LanguageCode {
  const candidates = [sources.officerChoice, sources.signInChoice, sources.bureauDefault, ...sources.workstationLanguages];
  for (const candidate of candidates) {
    const language = spokenLanguage(candidate);
    if (language !== undefined) return language;
  }
  return 'en';
}
