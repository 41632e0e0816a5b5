import { RECOVERED_QUERY } from '@watchfloor/shared';

/**
 * The desktop shell reloads a crashed console with `?recovered=1`. The page reads the flag once, shows a
 * notice, and takes the flag out of the address so a later reload does not repeat the notice.
 */
export interface AddressLike {
  readonly href: string;
}
export interface HistoryLike {
  replaceState(data: unknown, unused: string, url: string): void;
}

export function takeRecoveredFlag(location: AddressLike, history: HistoryLike): boolean {
  const url = new URL(location.href);
  if (!url.searchParams.has(RECOVERED_QUERY)) return false;
  url.searchParams.delete(RECOVERED_QUERY);
  history.replaceState(null, '', url.toString());
  return true;
}
