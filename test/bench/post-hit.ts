import { request, type Agent } from 'node:http';

/**
 * One checkpoint system's POST of a hit over a keep-alive `agent`, for the benches' load processes: resolves
 * with the HTTP status once the answer is read, or 0 when the request failed.
 */
export function postHit(agent: Agent, url: string, ingestKey: string, body: string): Promise<number> {
  return new Promise((resolve) => {
    const req = request(`${url}/api/v1/hits`, {
      method: 'POST',
      agent,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Authorization: `Bearer ${ingestKey}` },
    });
    req.on('response', (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end(body);
  });
}
