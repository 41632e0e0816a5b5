import type { en } from '../../../renderer/src/i18n/en';
import { LANGUAGES } from '../../../renderer/src/i18n/languages';

/**
 * A control's name as any of the console's languages words it, so a page object finds the control an
 * officer reads whatever language the console speaks (a spec asserts the language where it matters).
 */
export function inAnyLanguage(pick: (words: typeof en) => string): RegExp {
  const names = Object.values(LANGUAGES).map(({ bundle }) => pick(bundle as unknown as typeof en));
  return new RegExp(`^(${[...new Set(names)].map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`);
}
