import type { en } from '../../../renderer/src/i18n/en';
import { LANGUAGES } from '../../../renderer/src/i18n/languages';

/**
 * A control's name or a sentence as any of the console's languages words it, so a page object finds what
 * an officer reads whatever language the console speaks (a spec asserts the language where it matters).
 * A `{{value}}` in the wording matches any value.
 */
export function inAnyLanguage(pick: (words: typeof en) => string | readonly string[]): RegExp {
  const wordings = Object.values(LANGUAGES).flatMap(({ bundle }) => pick(bundle as unknown as typeof en));
  const patterns = [...new Set(wordings)].map((wording) =>
    wording
      .split(/\{\{[^}]*\}\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[\\s\\S]*'),
  );
  return new RegExp(`^(${patterns.join('|')})$`);
}
