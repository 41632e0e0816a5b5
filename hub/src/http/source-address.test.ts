import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { sourceAddress } from './source-address';

const request = (remoteAddress: string, forwardedFor?: string) =>
  ({ socket: { remoteAddress }, headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor } }) as unknown as IncomingMessage;

describe('source address', () => {
  it('given no trusted proxy, then X-Forwarded-For is ignored: anyone could send it', () => {
    expect(sourceAddress(request('198.51.100.7', '203.0.113.9'), false)).toBe('198.51.100.7');
  });

  it('given a trusted proxy, then the address it appended last is the client, not what the client claimed', () => {
    expect(sourceAddress(request('10.0.0.2', '1.2.3.4, 203.0.113.9'), true)).toBe('203.0.113.9');
    expect(sourceAddress(request('10.0.0.2', '2001:db8::1'), true)).toBe('2001:db8::1');
  });

  it('given a trusted proxy that sent no usable header, then the peer address is used', () => {
    expect(sourceAddress(request('10.0.0.2'), true)).toBe('10.0.0.2');
    expect(sourceAddress(request('10.0.0.2', 'unknown'), true)).toBe('10.0.0.2');
  });

  it('given an IPv4 client on a dual-stack socket, then it is one address either way', () => {
    expect(sourceAddress(request('::ffff:198.51.100.7'), false)).toBe('198.51.100.7');
  });
});
