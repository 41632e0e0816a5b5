import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { DESKTOP_APP_ORIGIN, originCheck } from './allowed-origins';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('allowed origins', () => {
  const check = originCheck(['https://console.bureau.example']);

  it('given no Origin header (a checkpoint system, curl), then the request is answered', () => {
    expect(check(request({ host: 'hub.bureau.example' }))).toEqual({ kind: 'no-origin' });
  });

  it('given a page the hub served itself, then it is allowed, over http or behind a TLS proxy', () => {
    expect(check(request({ host: '127.0.0.1:4610', origin: 'http://127.0.0.1:4610' }))).toMatchObject({ kind: 'allowed' });
    expect(check(request({ host: 'hub.bureau.example', origin: 'https://hub.bureau.example' }))).toMatchObject({ kind: 'allowed' });
    expect(check(request({ host: 'hub.bureau.example:443', origin: 'https://hub.bureau.example' }))).toMatchObject({ kind: 'allowed' });
  });

  it('given the desktop app or a configured console, then it is allowed whatever the host', () => {
    expect(check(request({ host: '127.0.0.1:4610', origin: DESKTOP_APP_ORIGIN }))).toEqual({ kind: 'allowed', origin: 'app://watchfloor' });
    expect(check(request({ host: 'hub', origin: 'https://Console.Bureau.example' }))).toMatchObject({ kind: 'allowed' });
  });

  it('given any other page, then it is refused, including another port of the same host and opaque origins', () => {
    for (const origin of ['http://127.0.0.1:4611', 'https://evil.example', 'null', 'app://other', 'file://']) {
      expect(check(request({ host: '127.0.0.1:4610', origin }))).toEqual({ kind: 'refused', origin });
    }
  });
});
