import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../domain/model';
import { anOfficer } from '../testing/builders';
import { CAPABILITIES, hasCapability, mayAdminister, mayReviewAuditTrail, requireCapability, rolesWith, type Capability } from './capabilities';

/** Expected capabilities per role, one letter per capability in `CAPABILITIES` order (y = may, . = may not). */
const EXPECTED: { readonly [R in Role]: string } = {
  //              watch act supervise replay reveal audit review administer command
  observer: 'y........',
  'duty-officer': 'yy..y....',
  'shift-lead': 'yyyyyy...',
  admin: 'yyyyyyyyy',
  auditor: '......y..',
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
      reason: 'role-cannot',
      params: { doing: 'act', roles: ['duty-officer', 'shift-lead', 'admin'] },
      message: 'Only a duty officer, a shift lead or an admin can act on alerts.',
    });
    expect(requireCapability(anOfficer({ role: 'duty-officer' }), 'supervise', 'assign-alerts')).toMatchObject({
      params: { doing: 'assign-alerts', roles: ['shift-lead', 'admin'] },
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

describe('mayReviewAuditTrail', () => {
  it('given an auditor or an admin without a scope, then they may review the trail', () => {
    expect(mayReviewAuditTrail(anOfficer({ role: 'auditor' })).ok).toBe(true);
    expect(mayReviewAuditTrail(anOfficer({ role: 'admin' })).ok).toBe(true);
  });

  it('given a shift lead, then review is forbidden naming the roles that may', () => {
    expect(mayReviewAuditTrail(anOfficer({ role: 'shift-lead' }))).toEqual({
      ok: false,
      code: 'forbidden',
      reason: 'role-cannot',
      params: { doing: 'review-audit-trail', roles: ['admin', 'auditor'] },
      message: 'Only an admin or an auditor can review the audit trail.',
    });
  });

  it('given an auditor with a country scope, then review is forbidden: the trail is bureau-wide', () => {
    expect(mayReviewAuditTrail(anOfficer({ role: 'auditor', scope: 'NG' }))).toMatchObject({ ok: false, message: /bureau-wide/ });
  });
});
