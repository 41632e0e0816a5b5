import { ExternalUrl } from '@watchfloor/shared';

/**
 * Links the app hands to the system browser: https pages on the hosts the bureau configuration lists
 * (`externalLinkHosts`), nothing else. A page in the app cannot send the officer anywhere the bureau did
 * not choose, and every refusal is logged.
 */
export interface ExternalLinks {
  /** Opens `url` in the system browser when allowed; false (and logged) when not. */
  open(url: string): boolean;
}

/** Why `url` may not be opened, or undefined when it may. */
export function externalLinkRefusal(url: string, hosts: readonly string[]): string | undefined {
  if (!ExternalUrl.safeParse(url).success) return 'not a web address';
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:') return 'not https';
  if (!hosts.includes(parsed.hostname)) return `host ${parsed.hostname} is not in the bureau's externalLinkHosts`;
  return undefined;
}

export function createExternalLinks(
  hosts: readonly string[],
  openInBrowser: (url: string) => Promise<void>,
  log: { warn(message: string): void },
): ExternalLinks {
  return {
    open(url) {
      const refusal = externalLinkRefusal(url, hosts);
      if (refusal !== undefined) {
        log.warn(`external link refused (${refusal}): ${url.slice(0, 200)}`);
        return false;
      }
      openInBrowser(url).catch((error: unknown) => log.warn(`the system browser did not open ${url}: ${String(error)}`));
      return true;
    },
  };
}
