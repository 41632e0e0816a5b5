import type { ConnectionState } from './worker-protocol';

/**
 * How fresh the picture on screen is, from the hub connection as it went: live; stale while the hub cannot
 * be reached (the picture as of the moment it was last known current); catching up once the hub is back
 * and the backlog is coming in; then, for a few seconds, recovered ("live again, caught up"). Pure: the
 * screen feeds it each connection change and the clock, and keeps what it returns.
 */
export interface ConnectionHistory {
  readonly kind: ConnectionState['kind'];
  /** When a live connection was lost; undefined while live, or when the console never was live. */
  readonly lostAt: number | undefined;
  /** The console has been without the hub while holding a picture (it was shown stale). */
  readonly outage: boolean;
  /** The hub is back after an outage and the backlog is still coming in. */
  readonly catchingUp: boolean;
  /** When the console caught up after an outage: the "live again" moment. */
  readonly recoveredAt: number | undefined;
}

export const FIRST_CONNECTION: ConnectionHistory = { kind: 'connecting', lostAt: undefined, outage: false, catchingUp: false, recoveredAt: undefined };

export interface ConnectionReading {
  readonly kind: ConnectionState['kind'];
  /** Whatever the console shows came from the hub or the cache (there is a picture to call stale). */
  readonly hasPicture: boolean;
  /** Everything the hub had when it said hello has been applied. */
  readonly caughtUp: boolean;
}

/** The history after reading the connection at `now`. */
export function trackConnection(history: ConnectionHistory, reading: ConnectionReading, now: number): ConnectionHistory {
  const wasLive = history.kind === 'live';
  const isLive = reading.kind === 'live';
  if (wasLive && !isLive) return { kind: reading.kind, lostAt: now, outage: reading.hasPicture, catchingUp: false, recoveredAt: undefined };
  if (!wasLive && isLive) {
    const { outage } = history;
    return { kind: reading.kind, lostAt: undefined, outage: false, catchingUp: outage && !reading.caughtUp, recoveredAt: outage && reading.caughtUp ? now : undefined };
  }
  if (isLive && history.catchingUp && reading.caughtUp) return { ...history, catchingUp: false, recoveredAt: now };
  const outage = history.outage || (!isLive && reading.hasPicture);
  return history.kind === reading.kind && history.outage === outage ? history : { ...history, kind: reading.kind, outage };
}

/** How long "live again, caught up" stays on screen. */
export const RECOVERED_SHOWN_MS = 8000;

export type Freshness =
  | { readonly kind: 'live' }
  | { readonly kind: 'waiting' }
  | { readonly kind: 'stale'; readonly asOf: number }
  | { readonly kind: 'catching-up' }
  | { readonly kind: 'recovered' };

/**
 * What the screen should say about the picture. Stale: the hub is unreachable and there is a picture, as of
 * the moment the connection was lost, or (a console started without the hub) as of its cached data.
 */
export function freshnessOf(history: ConnectionHistory, receivedAt: number | undefined, now: number): Freshness {
  if (history.kind === 'live') {
    if (history.catchingUp) return { kind: 'catching-up' };
    if (history.recoveredAt !== undefined && now - history.recoveredAt < RECOVERED_SHOWN_MS) return { kind: 'recovered' };
    return { kind: 'live' };
  }
  const asOf = history.lostAt ?? receivedAt;
  return asOf === undefined ? { kind: 'waiting' } : { kind: 'stale', asOf };
}

/**
 * The one clock ages, deadlines and rates are counted on, and what it is: the workstation's clock while
 * live, the moment the picture is as of while the hub is unreachable, the moment looked at in the past.
 */
export interface PictureClock {
  readonly at: number;
  readonly basis: 'live' | 'as-of' | 'past';
}

export function pictureClock(now: number, freshness: Freshness, pastAt: number | undefined): PictureClock {
  if (pastAt !== undefined) return { at: pastAt, basis: 'past' };
  if (freshness.kind === 'stale') return { at: freshness.asOf, basis: 'as-of' };
  return { at: now, basis: 'live' };
}
