import path from 'node:path';
import { consoleContentSecurityPolicy } from '@watchfloor/shared';

/**
 * The renderer is served from `app://watchfloor/…` rather than file://, so it has a real origin that the
 * navigation guard, the IPC sender check and the CSP can name, and cannot read arbitrary local files.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'watchfloor';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
} as const;

/** True for URLs of the app's own origin, whatever the path. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Maps an `app://watchfloor/…` request to a file inside `rendererDir`, or undefined when the URL is for
 * another host or would escape the folder (`..`, encoded or not).
 */
export function resolveAppAsset(rendererDir: string, requestUrl: string): string | undefined {
  if (!isAppUrl(requestUrl)) return undefined;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return undefined;
  }
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = path.resolve(rendererDir);
  const resolved = path.resolve(root, relative);
  if (resolved !== root && !resolved.startsWith(root + path.sep)) return undefined;
  return resolved;
}

/** Headers every app response carries; the CSP here is the one that counts in the desktop app. */
export function appResponseHeaders(connectSources: readonly string[]): Record<string, string> {
  return {
    'Content-Security-Policy': consoleContentSecurityPolicy(["'self'", ...connectSources]),
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
