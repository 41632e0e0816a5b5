import type { IncomingMessage } from 'node:http';

/**
 * Which web pages may call the API and open a socket: the hub's own pages (same origin), the desktop app
 * (`app://watchfloor`, the origin electron/main/app-protocol.ts serves the renderer from) and the origins a
 * bureau lists with `--allowed-origins`. A request without an `Origin` header is not from a browser page
 * (checkpoint systems, curl, Node clients): it is answered, since no page can make a browser leave it out.
 */
export const DESKTOP_APP_ORIGIN = 'app://watchfloor';

/** `scheme://host[:port]`, the form browsers send in `Origin`. */
export const ORIGIN_PATTERN = /^[a-z][a-z0-9+.-]*:\/\/[^/\s?#@]+$/i;

export type OriginVerdict =
  | { readonly kind: 'no-origin' }
  | { readonly kind: 'allowed'; readonly origin: string }
  | { readonly kind: 'refused'; readonly origin: string };

export type OriginCheck = (request: IncomingMessage) => OriginVerdict;

export function originCheck(configured: readonly string[]): OriginCheck {
  const allowed = new Set([DESKTOP_APP_ORIGIN, ...configured.map(canonical)]);
  return (request) => {
    const header = request.headers.origin;
    if (header === undefined) return { kind: 'no-origin' };
    const origin = canonical(header);
    return allowed.has(origin) || sameOrigin(origin, request.headers.host) ? { kind: 'allowed', origin: header } : { kind: 'refused', origin: header };
  };
}

/**
 * The page came from this hub when its origin names the host the request was sent to. The scheme is not
 * compared: behind a TLS-terminating proxy the page is https while the hub itself speaks http.
 */
function sameOrigin(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false;
  const match = /^(https?):\/\/(.+)$/.exec(origin);
  if (match === null) return false;
  const [, scheme, originHost] = match as unknown as [string, string, string];
  const defaultPort = scheme === 'https' ? ':443' : ':80';
  return stripPort(originHost, defaultPort) === stripPort(host.toLowerCase(), defaultPort);
}

function stripPort(host: string, defaultPort: string): string {
  return host.endsWith(defaultPort) ? host.slice(0, -defaultPort.length) : host;
}

function canonical(origin: string): string {
  return origin.trim().toLowerCase().replace(/\/$/, '');
}
