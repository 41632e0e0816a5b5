import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { OPS_NAMESPACE } from '@watchfloor/shared';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../hub/src/index';
import { serveConsole, type ConsoleServer } from '../../scripts/console-server';
import { signIn, startTestHub } from '../support/hub';

/**
 * Only our own pages talk to the hub: the API and the socket answer the hub's own pages, the desktop app and
 * configured origins, refuse every other page, and still answer clients that send no Origin; the console is
 * served with strict headers, by the hub and by the stand-alone console server.
 */
const CONFIGURED = 'https://console.bureau.example';
const FOREIGN = 'https://evil.example';

let hub: RunningHub;
let consoleServer: ConsoleServer;
let renderer: string;

beforeAll(async () => {
  renderer = await mkdtemp(path.join(tmpdir(), 'watchfloor-renderer-'));
  await writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>Watchfloor</title>');
  hub = await startTestHub({ demo: true, rate: 0, staticDir: renderer, allowedOrigins: [CONFIGURED] });
  consoleServer = await serveConsole({ port: 0, renderer, hubUrl: 'https://hub.bureau.example:8443/' });
});

afterAll(async () => {
  await consoleServer?.close();
  await hub?.stop();
  await rm(renderer, { recursive: true, force: true });
});

const preflight = (origin: string) =>
  fetch(`${hub.url}/api/v1/session`, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
  });

/** Opens a socket as a page of `origin` would (no Origin at all when undefined); resolves how it ended. */
async function openSocket(token: string, origin: string | undefined): Promise<'connected' | string> {
  const socket = io(`${hub.url}${OPS_NAMESPACE}`, {
    transports: ['websocket'],
    auth: { token, clientId: 'origin-test' },
    reconnection: false,
    forceNew: true,
    ...(origin === undefined ? {} : { extraHeaders: { Origin: origin } }),
  });
  try {
    return await new Promise((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', (error) => resolve(error.message));
    });
  } finally {
    socket.close();
  }
}

describe('allowed origins', () => {
  it('given a page of another origin, when it preflights or calls the API, then it gets 403 and no CORS permission', async () => {
    const answer = await preflight(FOREIGN);
    expect(answer.status).toBe(403);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    const health = await fetch(`${hub.url}/api/v1/health`, { headers: { Origin: FOREIGN } });
    expect(health.status).toBe(403);
    expect(await health.json()).toMatchObject({ error: 'forbidden', message: expect.stringContaining('--allowed-origins') });
  });

  it('given the hub\'s own page, the desktop app or a configured console, then the preflight allows exactly that origin', async () => {
    for (const origin of [hub.url, 'app://watchfloor', CONFIGURED]) {
      const answer = await preflight(origin);
      expect(answer.status).toBe(204);
      expect(answer.headers.get('access-control-allow-origin')).toBe(origin);
      expect(answer.headers.get('vary')).toBe('Origin');
    }
  });

  it('given a request without Origin (a checkpoint system, curl), then it is answered and carries no CORS permission', async () => {
    const health = await fetch(`${hub.url}/api/v1/health`);
    expect(health.status).toBe(200);
    expect(health.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('given a socket from a page of another origin, then the upgrade is refused; same origin, the app and no Origin connect', async () => {
    const { token } = await signIn(hub, 'duty');
    expect(await openSocket(token, FOREIGN)).not.toBe('connected');
    expect(await openSocket(token, 'http://127.0.0.1:1')).not.toBe('connected');
    expect(await openSocket(token, hub.url)).toBe('connected');
    expect(await openSocket(token, 'app://watchfloor')).toBe('connected');
    expect(await openSocket(token, CONFIGURED)).toBe('connected');
    expect(await openSocket(token, undefined)).toBe('connected');
  });
});

const CONSOLE_POLICY = (connect: string) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connect}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

const PERMISSIONS =
  'accelerometer=(), bluetooth=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), hid=(), idle-detection=(), ' +
  'magnetometer=(), microphone=(), midi=(), payment=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()';

function securityHeaders(response: Response): Record<string, string | null> {
  const names = [
    'content-security-policy',
    'x-content-type-options',
    'x-frame-options',
    'referrer-policy',
    'permissions-policy',
    'cross-origin-opener-policy',
    'cross-origin-resource-policy',
  ];
  return Object.fromEntries(names.map((name) => [name, response.headers.get(name)]));
}

describe('security headers', () => {
  it('given the console served by the hub, then it carries the strict headers and connects only to its own origin', async () => {
    const page = await fetch(`${hub.url}/`);
    expect(page.status).toBe(200);
    expect(securityHeaders(page)).toEqual({
      'content-security-policy': CONSOLE_POLICY("'self'"),
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'permissions-policy': PERMISSIONS,
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
    });
  });

  it('given the console served apart from its hub, then connect-src names that hub over https and wss, nothing else', async () => {
    const page = await fetch(`${consoleServer.url}/`);
    expect(securityHeaders(page)['content-security-policy']).toBe(
      CONSOLE_POLICY("'self' https://hub.bureau.example:8443 wss://hub.bureau.example:8443"),
    );
    expect(securityHeaders(page)['x-frame-options']).toBe('DENY');
  });

  it('given an API answer, then it may not be sniffed, framed or rendered as a page', async () => {
    const health = await fetch(`${hub.url}/api/v1/health`);
    expect({
      csp: health.headers.get('content-security-policy'),
      nosniff: health.headers.get('x-content-type-options'),
      frame: health.headers.get('x-frame-options'),
      referrer: health.headers.get('referrer-policy'),
    }).toEqual({ csp: "default-src 'none'; frame-ancestors 'none'", nosniff: 'nosniff', frame: 'DENY', referrer: 'no-referrer' });
  });
});
