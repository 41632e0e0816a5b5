import { EMPTY_OPS_STATE, foldEventsInPlace, type OpsEvent, type OpsState, type PendingEvent } from '@watchfloor/shared';
import { T0, actorOf, aHit, officers } from '@watchfloor/shared/testing';
import { describe, expect, it } from 'vitest';
import { tallyDemoOperation } from './demo-tally';

const OP = 'op-demo';
const lead = actorOf(officers.lead);

/** The two things the tally reads from the authority: its state, and each batch it folds. */
function anAuthority() {
  let state: OpsState = { ...EMPTY_OPS_STATE, operations: new Map(), checkpoints: new Map(), alerts: new Map() };
  let seq = 0;
  const listeners = new Set<(events: readonly OpsEvent[]) => void>();
  return {
    state: () => state,
    subscribe(listener: (events: readonly OpsEvent[]) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    absorb(...events: PendingEvent[]) {
      const logged = events.map((event) => ({ ...event, seq: (seq += 1), at: T0 + seq }) as OpsEvent);
      state = foldEventsInPlace(state, logged).state;
      for (const listener of listeners) listener(logged);
    },
  };
}

const raised = (id: string, overrides: Parameters<typeof aHit>[0] = {}): PendingEvent => ({
  type: 'hit.raised',
  hit: aHit({ id, operationId: OP, ...overrides }),
});
const confirmed = (alertId: string, final = true): PendingEvent => ({ type: 'alert.resolved', alertId, outcome: 'confirmed', final, by: lead });

/** What the simulator used to count over every alert. */
function counted(state: OpsState) {
  const alerts = [...state.alerts.values()].filter((alert) => alert.hit.operationId === OP);
  const arrests = alerts.filter((alert) => alert.status === 'resolved' && alert.outcome === 'confirmed');
  return { hits: alerts.length, arrests: arrests.length, documentsSeized: arrests.filter((alert) => alert.hit.source === 'sltd').length };
}

describe('demo operation tally', () => {
  it('given alerts already in the log, when the tally starts, then it counts the operation hits, arrests and seized documents', () => {
    const authority = anAuthority();
    authority.absorb(raised('hit-1', { source: 'sltd' }), raised('hit-2', { source: 'red-notice' }), raised('hit-other', { operationId: 'op-other' }));
    authority.absorb(confirmed('hit-1'), confirmed('hit-2'), confirmed('hit-other'));
    const tally = tallyDemoOperation(authority, OP);
    expect({ hits: tally.hits(), arrests: tally.arrests(), documentsSeized: tally.documentsSeized() }).toEqual({ hits: 2, arrests: 2, documentsSeized: 1 });
  });

  it('given a running tally, when hits are raised and resolved, then it keeps the counts a pass over every alert gives, refused and pending events not counted', () => {
    const authority = anAuthority();
    authority.absorb(raised('hit-1', { source: 'sltd' }));
    const tally = tallyDemoOperation(authority, OP);
    authority.absorb(raised('hit-2', { source: 'sltd' }), raised('hit-2', { source: 'sltd' }), raised('hit-3', { source: 'red-notice' }), raised('hit-other', { operationId: 'op-other' }));
    authority.absorb(confirmed('hit-1'), confirmed('hit-1'), confirmed('hit-2', false), confirmed('hit-3'), confirmed('hit-other'));
    authority.absorb({ type: 'alert.resolved', alertId: 'hit-2', outcome: 'false-positive', final: true, by: lead });
    const now = { hits: tally.hits(), arrests: tally.arrests(), documentsSeized: tally.documentsSeized() };
    expect(now).toEqual(counted(authority.state()));
    expect(now).toEqual({ hits: 3, arrests: 2, documentsSeized: 1 });
  });

  it('given a closed tally, when more hits arrive, then it no longer follows them', () => {
    const authority = anAuthority();
    const tally = tallyDemoOperation(authority, OP);
    tally.close();
    authority.absorb(raised('hit-1'));
    expect(tally.hits()).toBe(0);
  });
});
