import { describe, expect, it } from 'vitest';
import { raiseAlert } from '../alerts/lifecycle';
import { hitRaised, officers } from '../testing/builders';
import { mayRevealDetails } from './details';

const nigerian = raiseAlert(hitRaised(1, { country: 'NG', recordOwner: 'FR' }));
const benin = raiseAlert(hitRaised(2, { id: 'hit-2', country: 'BJ', recordOwner: 'BJ' }));

describe('mayRevealDetails', () => {
  it('given each demo officer, then roles that may reveal do so within their scope, with the reason for a refusal', () => {
    const verdicts = (alert: typeof nigerian) =>
      Object.fromEntries(Object.entries(officers).map(([who, officer]) => [who, mayRevealDetails(officer, alert).ok]));
    expect(verdicts(nigerian)).toEqual({ wall: false, duty: true, duty2: true, lead: true, admin: true, abuja: true, cotonou: false });
    expect(verdicts(benin)).toEqual({ wall: false, duty: true, duty2: true, lead: true, admin: true, abuja: false, cotonou: true });
    expect(mayRevealDetails(officers.wall, nigerian)).toEqual({
      ok: false,
      code: 'forbidden',
      reason: 'role-cannot',
      params: { doing: 'reveal-details', roles: ['duty-officer', 'shift-lead', 'admin'] },
      message: 'Only a duty officer, a shift lead or an admin can reveal personal details.',
    });
    expect(mayRevealDetails(officers.abuja, benin)).toMatchObject({ code: 'forbidden', message: 'This alert does not concern your country scope (NG).' });
  });
});
