import { conflict, optimisticAlert, type Alert, type Command } from '@watchfloor/shared';
import { T0, actorOf, anOperation, hitRaised, officers } from '@watchfloor/shared/testing';
import { describe, expect, it, vi } from 'vitest';
import { createLiveStore } from './live-store';

const now = (flush: () => void) => flush();
const ack: Command = { type: 'acknowledge', alertId: 'hit-1', mutationId: 'm-0000000001' };

describe('live store', () => {
  it('given batches, then the state folds them and listeners hear of it', () => {
    const store = createLiveStore(now);
    const listener = vi.fn();
    store.subscribe(listener);
    const effect = store.applyBatch([hitRaised(1), hitRaised(2, { id: 'hit-2' })], { after: 0, through: 2 });
    expect(effect.raised.map((alert) => alert.id)).toEqual(['hit-1', 'hit-2']);
    expect(store.getSnapshot().state.alerts.size).toBe(2);
    expect(store.getSnapshot().through).toBe(2);
    expect(listener).toHaveBeenCalled();
  });

  it('given a batch that raises one alert and acknowledges an earlier one, then the effect tells raised from updated', () => {
    const store = createLiveStore(now);
    store.applyBatch([hitRaised(1)], { after: 0, through: 1 });
    const effect = store.applyBatch(
      [hitRaised(2, { id: 'hit-2' }), { seq: 3, at: T0, type: 'alert.acknowledged', alertId: 'hit-1', by: actorOf(officers.duty) }],
      { after: 1, through: 3 },
    );
    expect(effect.raised.map((alert) => alert.id)).toEqual(['hit-2']);
    expect(effect.updated.map((alert) => [alert.id, alert.status])).toEqual([['hit-1', 'acknowledged']]);
    expect(effect.changed.map((alert) => alert.id).sort()).toEqual(['hit-1', 'hit-2']);
  });

  it('given a batch that starts after what was applied, then a gap is reported', () => {
    const store = createLiveStore(now);
    store.applyBatch([hitRaised(1)], { after: 0, through: 1 });
    expect(store.hasGapBefore({ after: 1, through: 3 })).toBe(false);
    expect(store.hasGapBefore({ after: 5, through: 9 })).toBe(true);
  });

  it('given a scoped batch whose range covers hidden events, then through moves past them', () => {
    const store = createLiveStore(now);
    store.applyBatch([hitRaised(4)], { after: 0, through: 10 });
    expect(store.getSnapshot().through).toBe(10);
    expect(store.hasGapBefore({ after: 10, through: 12 })).toBe(false);
  });

  it('given a command, then it stays pending until the event with its seq has arrived', () => {
    const store = createLiveStore(now);
    store.applyBatch([hitRaised(1)], { after: 0, through: 1 });
    store.commandSent(ack);
    expect(store.getSnapshot().pending.size).toBe(1);
    store.commandAnswered(ack, { ok: true, seq: 2 });
    expect(store.getSnapshot().pending.size).toBe(1);
    store.applyBatch([{ seq: 2, at: T0, type: 'alert.acknowledged', alertId: 'hit-1', by: actorOf(officers.duty) }], { after: 1, through: 2 });
    expect(store.getSnapshot().pending.size).toBe(0);
  });

  it('given a refused command, then it is no longer pending and the refusal is kept for the alert', () => {
    const store = createLiveStore(now);
    store.commandSent(ack);
    store.commandAnswered(ack, conflict('held-by-other', { name: 'Bola' }));
    const snapshot = store.getSnapshot();
    expect(snapshot.pending.size).toBe(0);
    expect(snapshot.refusals).toEqual([
      expect.objectContaining({ alertId: 'hit-1', commandType: 'acknowledge', reason: 'held-by-other', params: { name: 'Bola' }, message: 'Already acknowledged by Bola.' }),
    ]);
    store.dismissRefusal('hit-1');
    expect(store.getSnapshot().refusals).toEqual([]);
  });

  it('given a reset, then the picture is emptied for the rebuild', () => {
    const store = createLiveStore(now);
    store.applyBatch([hitRaised(1)], { after: 0, through: 1 });
    store.reset();
    expect(store.getSnapshot().state.alerts.size).toBe(0);
    expect(store.getSnapshot().through).toBe(0);
  });
});

describe('live store with pending commands', () => {
  const project = (command: Command, alert: Alert, givenAt: number) =>
    optimisticAlert(officers.duty, command, alert, givenAt);

  it('given a queued acknowledge, then the alert shows it at once while the confirmed state is unchanged', () => {
    const store = createLiveStore(now, project);
    store.applyBatch([hitRaised(1)], { after: 0, through: 1 });
    store.commandQueued(ack, T0);
    const snapshot = store.getSnapshot();
    expect(snapshot.state.alerts.get('hit-1')?.status).toBe('acknowledged');
    expect(snapshot.confirmed.alerts.get('hit-1')?.status).toBe('new');
    expect(snapshot.pending.get(ack.mutationId)?.stage).toBe('queued');
  });

  it('given a refusal, then the optimistic change is rolled back', () => {
    const store = createLiveStore(now, project);
    store.applyBatch([hitRaised(1)], { after: 0, through: 1 });
    store.commandQueued(ack, T0);
    store.commandAnswered(ack, conflict('held-by-other', { name: 'Bola' }));
    expect(store.getSnapshot().state.alerts.get('hit-1')?.status).toBe('new');
  });

  it('given the cached picture, then it shows with its age and its queued commands pending until the hub answers', () => {
    const store = createLiveStore(now, project);
    const cached = createLiveStore(now);
    cached.applyBatch([hitRaised(1)], { after: 0, through: 1 });
    store.seed({ state: cached.getSnapshot().state, through: 1, ageMs: 60_000, pending: [{ command: ack, queuedAt: T0 }] });
    const snapshot = store.getSnapshot();
    expect(snapshot.fromCache).toBe(true);
    expect(Date.now() - snapshot.receivedAt!).toBeGreaterThanOrEqual(60_000);
    expect(snapshot.state.alerts.get('hit-1')?.holder?.id).toBe(officers.duty.id);
    store.applyBatch([hitRaised(2, { id: 'hit-2' })], { after: 1, through: 2 });
    expect(store.getSnapshot().fromCache).toBe(false);
  });

  it('given a reset, then queued commands stay pending for the rebuilt picture', () => {
    const store = createLiveStore(now, project);
    store.applyBatch([hitRaised(1)], { after: 0, through: 1 });
    store.commandQueued(ack, T0);
    store.reset();
    expect(store.getSnapshot().pending.size).toBe(1);
    store.applyBatch([hitRaised(1)], { after: 0, through: 1 });
    expect(store.getSnapshot().state.alerts.get('hit-1')?.status).toBe('acknowledged');
  });
});

describe('live store notices about what the hub sent', () => {
  const noticeOf = (store: ReturnType<typeof createLiveStore>, id: string) => store.getSnapshot().notices.find((notice) => notice.id === id);

  it('given unreadable events in several batches, then one notice counts them and names their seqs', () => {
    const store = createLiveStore(now);
    store.noteUnreadableEvents([{ seq: 1234, problem: 'hit.at: too big' }]);
    expect(store.getSnapshot().notices).toEqual([
      { id: 'unreadable-events', key: 'unreadableEvents', values: { count: 1, seqs: '1234' }, tone: 'warning' },
    ]);
    store.noteUnreadableEvents([{ seq: 1240, problem: 'x' }, { problem: 'not an object' }, { seq: 1250, problem: 'x' }, { seq: 1300, problem: 'x' }]);
    expect(store.getSnapshot().notices).toHaveLength(1);
    expect(noticeOf(store, 'unreadable-events')?.values).toEqual({ count: 5, seqs: '1234, 1240, 1250…' });
  });

  it('given an unreadable event reported again by a history page, then it is counted once', () => {
    const store = createLiveStore(now);
    store.noteUnreadableEvents([{ seq: 7, problem: 'x' }]);
    store.noteUnreadableEvents([{ seq: 7, problem: 'x' }]);
    expect(noticeOf(store, 'unreadable-events')?.values).toEqual({ count: 1, seqs: '7' });
  });

  it('given the notice was dismissed, then the next unreadable event starts a new count', () => {
    const store = createLiveStore(now);
    store.noteUnreadableEvents([{ seq: 7, problem: 'x' }, { seq: 8, problem: 'x' }]);
    store.dismissNotice('unreadable-events');
    store.noteUnreadableEvents([{ seq: 9, problem: 'x' }]);
    expect(noticeOf(store, 'unreadable-events')?.values).toEqual({ count: 1, seqs: '9' });
  });

  it('given unreadable events without a seq, then the notice counts them without naming positions', () => {
    const store = createLiveStore(now);
    store.noteUnreadableEvents([{ problem: 'not an object' }, { problem: 'not an object' }]);
    expect(noticeOf(store, 'unreadable-events')).toMatchObject({ key: 'unreadableEventsUnnumbered', values: { count: 2 } });
  });

  it('given a reset to another log, then a seq counted before counts again', () => {
    const store = createLiveStore(now);
    store.noteUnreadableEvents([{ seq: 7, problem: 'x' }]);
    store.reset();
    store.noteUnreadableEvents([{ seq: 7, problem: 'x' }]);
    expect(noticeOf(store, 'unreadable-events')?.values).toEqual({ count: 2, seqs: '7, 7' });
  });

  it('given rejected messages, then one notice counts them, in place among the others', () => {
    const store = createLiveStore(now);
    store.noteRejectedPayload();
    store.addNotice({ id: 'cache-full', key: 'cacheFull', tone: 'warning' });
    store.noteRejectedPayload();
    expect(store.getSnapshot().notices.map((notice) => [notice.id, notice.values?.count])).toEqual([
      ['rejected-messages', 2],
      ['cache-full', undefined],
    ]);
  });
});

describe('live store, folding in place', () => {
  it('given a batch, then the alerts it touched are told as they were and are, and the alerts view is a new object', () => {
    const store = createLiveStore(now);
    store.applyBatch([hitRaised(1)], { after: 0, through: 1 });
    const before = store.getSnapshot();
    store.applyBatch(
      [hitRaised(2, { id: 'hit-2' }), { seq: 3, at: T0, type: 'alert.acknowledged', alertId: 'hit-1', by: actorOf(officers.duty) }],
      { after: 1, through: 3 },
    );
    const after = store.getSnapshot();
    expect(after.state.alerts).not.toBe(before.state.alerts);
    const changed = store.alertChangesSince(before.revision);
    expect([...changed!.keys()].sort()).toEqual(['hit-1', 'hit-2']);
    expect(changed!.get('hit-1')?.before?.status).toBe('new');
    expect(changed!.get('hit-1')?.after?.status).toBe('acknowledged');
    expect(changed!.get('hit-2')?.before).toBeUndefined();
    expect(changed!.get('hit-2')?.after).toBe(after.state.alerts.get('hit-2'));
    expect(store.alertChangesSince(after.revision)).toEqual(new Map());
  });

  it('given a batch that updates the operation, then the operations map is a new one and the old one is unchanged', () => {
    const store = createLiveStore(now);
    store.applyBatch([{ seq: 1, at: T0, type: 'operation.updated', operation: anOperation() }], { after: 0, through: 1 });
    const operations = store.getSnapshot().state.operations;
    store.applyBatch([{ seq: 2, at: T0, type: 'operation.updated', operation: anOperation({ phase: 'later' }) }], { after: 1, through: 2 });
    expect(store.getSnapshot().state.operations).not.toBe(operations);
    expect(operations.get(anOperation().id)?.phase).toBe(anOperation().phase);
    expect(store.getSnapshot().state.operations.get(anOperation().id)?.phase).toBe('later');
  });

  it('given the cached picture, then batches never change the picture the cache gave', () => {
    const cached = createLiveStore(now);
    cached.applyBatch([hitRaised(1)], { after: 0, through: 1 });
    const picture = cached.getSnapshot().confirmed;
    const store = createLiveStore(now);
    store.seed({ state: picture, through: 1, ageMs: 1000, pending: [] });
    const seeded = store.getSnapshot().revision;
    store.applyBatch([hitRaised(2, { id: 'hit-2' })], { after: 1, through: 2 });
    expect(picture.alerts.size).toBe(1);
    expect(store.getSnapshot().state.alerts.size).toBe(2);
    expect(store.alertChangesSince(seeded - 1)).toBeUndefined();
  });
});
