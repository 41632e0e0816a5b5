import { z } from 'zod';

/**
 * The languages the console speaks, by ISO 639-1 code: what a bureau may set as its default and what an
 * officer may choose. The console gives each its own name and writing direction (renderer/src/i18n/languages.ts).
 */
export const LANGUAGE_CODES = ['en', 'fr', 'es', 'ar'] as const;
export const LanguageCode = z.enum(LANGUAGE_CODES);
export type LanguageCode = z.infer<typeof LanguageCode>;

/** A language tag as bureaus and browsers write it: `fr`, `fr-BJ`, `zh-Hant-TW`. */
const LANGUAGE_TAG = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i;

/**
 * The language of the console a tag names by its base language (`fr-BJ` and `FR` are French), or undefined
 * for a language the console does not speak and for anything that is not a language tag.
 */
export function spokenLanguage(tag: unknown): LanguageCode | undefined {
  if (typeof tag !== 'string' || !LANGUAGE_TAG.test(tag)) return undefined;
  const base = LanguageCode.safeParse(tag.split('-')[0]!.toLowerCase());
  return base.success ? base.data : undefined;
}
