import { describe, expect, it } from 'vitest';
import { raiseAlert } from '../alerts/lifecycle';
import { aCheckpoint, aHit, anOperation, hitRaised, officers } from '../testing/builders';
import { checkpointWithinScope, hitWithinScope, operationWithinScope, requireScope, withinScope } from './scope';

const alertOf = (hit: Parameters<typeof hitRaised>[1]) => raiseAlert(hitRaised(1, hit));

describe('country scope', () => {
  it('given a hit screened in the officer\'s country, then it is within scope', () => {
    expect(withinScope(officers.abuja, alertOf({ country: 'NG', recordOwner: 'FR' }))).toBe(true);
  });

  it('given a hit screened elsewhere on a record the officer\'s bureau owns, then it is within scope', () => {
    expect(withinScope(officers.abuja, alertOf({ country: 'BJ', recordOwner: 'NG' }))).toBe(true);
  });

  it('given a hit neither screened in nor owned by the officer\'s country, then it is out of scope and refused by name', () => {
    const benin = alertOf({ country: 'BJ', recordOwner: 'BJ' });
    expect(withinScope(officers.abuja, benin)).toBe(false);
    expect(hitWithinScope(officers.abuja, benin.hit)).toBe(false);
    expect(requireScope(officers.abuja, benin)).toEqual({
      ok: false,
      code: 'forbidden',
      reason: 'out-of-scope',
      params: { scope: 'NG' },
      message: 'This alert does not concern your country scope (NG).',
    });
  });

  it('given an officer without a scope, then every country is within it', () => {
    expect(withinScope(officers.lead, alertOf({ country: 'BJ', recordOwner: 'BJ' }))).toBe(true);
    expect(hitWithinScope(officers.wall, aHit({ country: 'BJ', recordOwner: 'BJ' }))).toBe(true);
  });

  it('given operations and checkpoints, then a scoped officer has those their country takes part in or hosts', () => {
    expect(operationWithinScope(officers.abuja, anOperation({ countries: ['NG', 'GH'] }))).toBe(true);
    expect(operationWithinScope(officers.abuja, anOperation({ countries: ['BJ'] }))).toBe(false);
    expect(checkpointWithinScope(officers.abuja, aCheckpoint({ country: 'NG' }))).toBe(true);
    expect(checkpointWithinScope(officers.abuja, aCheckpoint({ country: 'BJ' }))).toBe(false);
    expect(checkpointWithinScope(officers.lead, aCheckpoint({ country: 'BJ' }))).toBe(true);
  });
});
