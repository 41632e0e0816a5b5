import { describe, expect, it } from 'vitest';
import { FIRST_CONNECTION, RECOVERED_SHOWN_MS, freshnessOf, pictureClock, trackConnection, type ConnectionHistory, type ConnectionReading } from './staleness';

const T = Date.UTC(2026, 11, 7, 14, 2, 11);
const live: ConnectionReading = { kind: 'live', hasPicture: true, caughtUp: true };
const lost: ConnectionReading = { kind: 'reconnecting', hasPicture: true, caughtUp: true };

function run(readings: readonly (readonly [ConnectionReading, number])[]): ConnectionHistory {
  return readings.reduce((history, [reading, at]) => trackConnection(history, reading, at), FIRST_CONNECTION);
}

describe('picture staleness', () => {
  it('given a first connection with nothing yet, then there is nothing to call stale, and going live is no recovery', () => {
    const waiting = run([[{ kind: 'connecting', hasPicture: false, caughtUp: false }, T]]);
    expect(freshnessOf(waiting, undefined, T)).toEqual({ kind: 'waiting' });
    const first = run([[{ kind: 'live', hasPicture: false, caughtUp: true }, T]]);
    expect(freshnessOf(first, T, T + 1)).toEqual({ kind: 'live' });
  });

  it('given a live connection lost, then the picture is stale as of the moment it was lost, however long the outage', () => {
    const history = run([[live, T - 60_000], [lost, T], [{ ...lost, kind: 'closed' }, T + 5000]]);
    expect(freshnessOf(history, T - 50_000, T + 180_000)).toEqual({ kind: 'stale', asOf: T });
  });

  it('given a console started from its cache without the hub, then the picture is stale as of the cached data', () => {
    const history = run([[{ kind: 'connecting', hasPicture: true, caughtUp: false }, T]]);
    expect(freshnessOf(history, T - 90_000, T)).toEqual({ kind: 'stale', asOf: T - 90_000 });
  });

  it('given the hub back with a backlog, then it is catching up, then recovered for a few seconds once caught up, then live', () => {
    const back = run([[live, T - 60_000], [lost, T], [{ ...live, caughtUp: false }, T + 60_000]]);
    expect(freshnessOf(back, T, T + 60_000)).toEqual({ kind: 'catching-up' });
    const caughtUp = trackConnection(back, live, T + 61_000);
    expect(freshnessOf(caughtUp, T, T + 61_000)).toEqual({ kind: 'recovered' });
    expect(freshnessOf(caughtUp, T, T + 61_000 + RECOVERED_SHOWN_MS)).toEqual({ kind: 'live' });
  });

  it('given the hub back with nothing missed, then it is recovered at once', () => {
    const history = run([[live, T - 60_000], [lost, T], [live, T + 30_000]]);
    expect(freshnessOf(history, T, T + 30_500)).toEqual({ kind: 'recovered' });
  });

  it('given each freshness, then the screen clock is the workstation clock, the as-of moment, or the moment looked at', () => {
    expect(pictureClock(T, { kind: 'live' }, undefined)).toEqual({ at: T, basis: 'live' });
    expect(pictureClock(T, { kind: 'stale', asOf: T - 1000 }, undefined)).toEqual({ at: T - 1000, basis: 'as-of' });
    expect(pictureClock(T, { kind: 'stale', asOf: T - 1000 }, T - 9000)).toEqual({ at: T - 9000, basis: 'past' });
  });
});
