import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../domain/model';
import { anOfficer } from '../testing/builders';
import { CAPABILITIES, hasCapability, mayAdminister, requireCapability, rolesWith, type Capability } from './capabilities';

/** Expected capabilities per role, one letter per capability in `CAPABILITIES` order (y = may, . = may not). */
const EXPECTED: { readonly [R in Role]: string } = {
  //              act supervise replay reveal audit administer command
  observer: '.......',
  'duty-officer': 'y..y...',
  'shift-lead': 'yyyyy..',
  admin: 'yyyyyyy',
};

describe('role x capability table', () => {
  for (const role of ROLES) {
    it(`given a ${role}, then they may exactly ${EXPECTED[role]}`, () => {
      const officer = anOfficer({ role });
      const actual = CAPABILITIES.map((capability) => (hasCapability(officer, capability) ? 'y' : '.')).join('');
      expect(actual).toBe(EXPECTED[role]);
    });
  }

  it('given any role that supervises, then it also acts (supervising widens acting)', () => {
    for (const role of rolesWith('supervise')) expect(rolesWith('act')).toContain(role);
  });
});

describe('requireCapability', () => {
  it('given a role without the capability, then it is forbidden naming the roles that have it', () => {
    expect(requireCapability(anOfficer({ role: 'observer' }), 'act')).toEqual({
      ok: false,
      code: 'forbidden',
      message: 'Only a duty officer, a shift lead or an admin can act on alerts.',
    });
    expect(requireCapability(anOfficer({ role: 'duty-officer' }), 'supervise', 'assign alerts')).toMatchObject({
      message: 'Only a shift lead or an admin can assign alerts.',
    });
    expect(mayAdminister(anOfficer({ role: 'shift-lead' }))).toMatchObject({
      code: 'forbidden',
      message: 'Only an admin can change operations and checkpoints.',
    });
  });

  it('given a role with the capability, then it is allowed', () => {
    const every = (role: Role, capabilities: readonly Capability[]) => capabilities.every((c) => requireCapability(anOfficer({ role }), c).ok);
    expect(every('admin', CAPABILITIES)).toBe(true);
    expect(every('duty-officer', ['act', 'reveal-details'])).toBe(true);
  });
});
