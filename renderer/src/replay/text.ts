import { useTranslation } from 'react-i18next';
import { REPLAY_NAMESPACE, replayEn } from './i18n-en';

/** Every dotted key of the replay strings, so a typo in a key is a compile error, not a raw key on screen. */
type Keys<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Keys<T[K], `${Prefix}${K}.`>;
}[keyof T & string];
export type ReplayTextKey = Keys<typeof replayEn>;

export type ReplayText = (key: ReplayTextKey, values?: Record<string, string | number>) => string;

/** The replay namespace's translator. */
export function useReplayText(): ReplayText {
  const { t } = useTranslation(REPLAY_NAMESPACE);
  return (key, values) => String(t(key, values));
}
