import { OpsEvent, type OpsEvent as OpsEventType } from '@watchfloor/shared';
import { T0, actorOf, hitRaised, officers } from '@watchfloor/shared/testing';
import { describe, expect, it } from 'vitest';
import { protocolFieldsOf } from './strip';

describe('protocol field projection', () => {
  it('given valid events of several types, then the projection equals what the zod schema parses', () => {
    const events: OpsEventType[] = [
      hitRaised(1),
      { seq: 2, at: T0, type: 'alert.escalated', alertId: 'hit-1', level: 2, reason: 'Owner bureau', by: actorOf(officers.lead), auto: false },
      { seq: 3, at: T0, type: 'checkpoint.updated', checkpoint: { id: 'cp-1', name: 'Lagos', kind: 'airport', country: 'NG', lon: 3, lat: 6, status: 'online' } },
    ];
    for (const event of events) expect(protocolFieldsOf(event)).toEqual(OpsEvent.parse(event));
  });

  it('given extra keys at every depth, then only protocol keys are kept', () => {
    const event = hitRaised(1);
    const tainted = { ...event, extra: 1, hit: { ...event.hit, subject: { name: 'Jane Roe' } } } as unknown as OpsEventType;
    expect(protocolFieldsOf(tainted)).toEqual(event);
  });

  it('given an unknown event type, then it is refused', () => {
    expect(() => protocolFieldsOf({ ...hitRaised(1), type: 'hit.personal' } as unknown as OpsEventType)).toThrow(/unknown type/);
  });
});
