import { useTranslation } from 'react-i18next';
import type { en } from '../i18n/en';

/** Every dotted key under `replay`, so a typo in a key is a compile error, not a raw key on screen. */
type Keys<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K extends `${infer Base}_other` ? Base : K}` : Keys<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
export type ReplayTextKey = Keys<(typeof en)['replay']>;

export type ReplayText = (key: ReplayTextKey, values?: Record<string, string | number>) => string;

/** The translator for the replay room's strings (the `replay` part of the console's one bundle). */
export function useReplayText(): ReplayText {
  const { t } = useTranslation('translation', { keyPrefix: 'replay' });
  return (key, values) => String(t(key as never, values));
}
