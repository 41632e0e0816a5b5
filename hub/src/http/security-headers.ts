/**
 * Response headers that keep the web console to itself: scripts, workers and styles only from its own
 * origin, connections only to its hub, never inside a frame, no referrer, and no browser feature it does
 * not use. The policy itself is shared with the desktop app's app:// handler.
 */
import { consoleContentSecurityPolicy } from '@watchfloor/shared';

/** Browser features the console never uses; denied to it and to anything it might embed. */
const DENIED_FEATURES = [
  'accelerometer',
  'bluetooth',
  'camera',
  'display-capture',
  'geolocation',
  'gyroscope',
  'hid',
  'idle-detection',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'publickey-credentials-get',
  'screen-wake-lock',
  'serial',
  'usb',
  'xr-spatial-tracking',
] as const;

/**
 * What connect-src names: the page's own origin (the hub that serves it, over HTTP and its websocket twin:
 * CSP's 'self' covers ws: and wss: on the same host) and, for a console served apart from its hub, that
 * hub's HTTP and websocket origins.
 */
export function hubConnectSources(hubUrl: string | undefined): string[] {
  if (hubUrl === undefined) return ["'self'"];
  const hub = new URL(hubUrl);
  const socket = hub.protocol === 'https:' ? 'wss:' : 'ws:';
  return ["'self'", hub.origin, `${socket}//${hub.host}`];
}

export function contentSecurityPolicy(hubUrl: string | undefined): string {
  return consoleContentSecurityPolicy(hubConnectSources(hubUrl));
}

/** Headers of every console file: the page, its scripts and its assets. */
export function consoleHeaders(hubUrl?: string): Readonly<Record<string, string>> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(hubUrl),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy': DENIED_FEATURES.map((feature) => `${feature}=()`).join(', '),
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}

/** Headers of every API answer: JSON that no browser may sniff as something else, render or frame. */
export const API_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
};
