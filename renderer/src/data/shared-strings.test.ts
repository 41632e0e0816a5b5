import { raiseAlert, type OpsEvent } from '@watchfloor/shared';
import { T0, aHit, hitRaised } from '@watchfloor/shared/testing';
import { describe, expect, it } from 'vitest';
import { createSharedStrings } from './shared-strings';

describe('shared strings', () => {
  it('given hits received as copies, when shared, then every field keeps its value', () => {
    const strings = createSharedStrings();
    const hits = [aHit(), aHit({ id: 'hit-2', country: 'BJ', summary: 'Another wording' })].map((hit) => structuredClone(hit));
    const expected = structuredClone(hits);
    for (const hit of hits) strings.share(hit);
    for (const hit of hits) strings.share(hit);
    expect(hits).toEqual(expected);
  });

  it('given a frozen hit, when shared, then it is left as it is', () => {
    const hit = Object.freeze(aHit());
    expect(() => createSharedStrings().share(hit)).not.toThrow();
    expect(hit).toEqual(aHit());
  });
});

describe('shared strings of events', () => {
  it('given events and alerts received as copies, when shared, then each keeps its value and repeated strings are one copy', () => {
    const strings = createSharedStrings();
    const by = { id: 'off-duty', name: 'Ada Duty' };
    const events: OpsEvent[] = structuredClone([
      { ...hitRaised(1, { id: 'hit-1' }) },
      { seq: 2, at: T0, type: 'alert.acknowledged', alertId: 'hit-1', by },
      { seq: 3, at: T0, type: 'alert.resolved', alertId: 'hit-1', outcome: 'confirmed', final: true, by },
    ] as OpsEvent[]);
    const expected = structuredClone(events);
    for (const event of events) strings.shareEvent(event);
    expect(events).toEqual(expected);
    const [, acknowledged, resolved] = events as [OpsEvent, Extract<OpsEvent, { by: unknown }>, Extract<OpsEvent, { type: 'alert.resolved' }>];
    expect(resolved.by).toBe(acknowledged.by);

    const alert = raiseAlert(structuredClone(hitRaised(4, { id: 'hit-4' })) as Extract<OpsEvent, { type: 'hit.raised' }>);
    const copy = { ...alert, history: [...alert.history, structuredClone({ seq: 5, at: T0, type: 'alert.acknowledged', alertId: 'hit-4', by })] } as typeof alert;
    strings.shareAlert(copy);
    expect((copy.history[1] as { by: unknown }).by).toBe(acknowledged.by);
    expect(copy.hit.operationId).toBe(alert.hit.operationId);
  });
});
