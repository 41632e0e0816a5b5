import type { en } from './en';

/**
 * The shape of a language's bundle: every key English has, each a string, with every plural group written
 * in the language's own plural categories (English `key_one`/`key_other`; Arabic needs all six). A bundle
 * typed `Bundle<'one' | 'many' | 'other'>` that misses a key or a plural form does not compile.
 */
type PluralCategory = Intl.LDMLPluralRule;

type Shape<T, C extends PluralCategory> = {
  readonly [K in keyof T as K extends `${string}_one` ? never : K extends `${infer Base}_other` ? `${Base}_${C}` : K]: T[K] extends string
    ? string
    : Shape<T[K], C>;
};

export type Bundle<C extends PluralCategory> = Shape<typeof en, C>;
