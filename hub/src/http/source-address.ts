import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

/**
 * The address a request came from, for throttling and the log. Behind a reverse proxy every request comes
 * from the proxy, so with `trustProxy` the hub takes the address the proxy appended last to
 * `X-Forwarded-For` (earlier entries are whatever the client claimed, and are ignored). Without
 * `trustProxy` the header is ignored: anyone could send it.
 */
export function sourceAddress(request: IncomingMessage, trustProxy: boolean): string {
  const peer = normalise(request.socket.remoteAddress ?? 'unknown');
  if (!trustProxy) return peer;
  const header = request.headers['x-forwarded-for'];
  const list = Array.isArray(header) ? header.join(',') : header;
  const last = list?.split(',').map((entry) => entry.trim()).filter((entry) => entry.length > 0).at(-1);
  return last !== undefined && isIP(last) !== 0 ? normalise(last) : peer;
}

/** IPv4 clients of a dual-stack socket show as `::ffff:a.b.c.d`; one address, one key. */
function normalise(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}
