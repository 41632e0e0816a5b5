import { describe, expect, it } from 'vitest';
import { AuditEntry, AuditRecord } from '../audit/record';
import { DEFAULT_REVEAL_PURPOSE_LIST, RevealPurposeList, RevealReason, parseRevealPurposeSetting, revealReasonProblem } from './reveal-purpose';

describe('the reason for a reveal', () => {
  it.each([
    ['', 'too-short'],
    ['check', 'too-short'],
    ['  identity check  ', 'too-short'],
    ['xxxxxxxxxxxxxxxxxxxxxxxxx', 'too-few-words'],
    ['check check check check check', 'too-few-words'],
    ['........................ ok ok', 'too-few-words'],
    ['aa bb aaaa bbbbbbbbbbbbbbbbb', 'too-few-words'],
    ['x'.repeat(501), 'too-long'],
  ])('given %j, then it is refused as %s', (reason, problem) => {
    expect(revealReasonProblem(reason)).toBe(problem);
    expect(RevealReason.safeParse(reason).success).toBe(false);
  });

  it.each(['Arrivals desk asks to confirm the holder', 'Confirmer l’identité avec le bureau émetteur', 'Arrest team at gate 4 needs DOB'])(
    'given %j, then it will do',
    (reason) => {
      expect(revealReasonProblem(reason)).toBeUndefined();
      expect(RevealReason.parse(`  ${reason} `)).toBe(reason);
    },
  );
});

describe("the bureau's list of purposes", () => {
  it('given the hub setting as typed, then default ids stand alone and own purposes carry their label', () => {
    const list = RevealPurposeList.parse(parseRevealPurposeSetting(' identity-confirmation , child-protection:Child protection referral ,'));
    expect(list).toEqual([{ id: 'identity-confirmation' }, { id: 'child-protection', label: 'Child protection referral' }]);
  });

  it.each([
    ['child-protection', /needs a label/],
    ['identity-confirmation,identity-confirmation', /only once/],
    ['Identity Confirmation', /purpose id/],
    ['', /may not be empty/],
  ])('given %j, then the setting is refused naming what is wrong', (setting, message) => {
    const parsed = RevealPurposeList.safeParse(parseRevealPurposeSetting(setting));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.message).join('; ')).toMatch(message);
  });

  it('given no setting, then the defaults are a valid list', () => {
    expect(RevealPurposeList.parse(DEFAULT_REVEAL_PURPOSE_LIST)).toHaveLength(6);
  });
});

describe('the audit record of a reveal', () => {
  const record = { act: 'details-revealed', at: 1, officer: { id: 'off-duty', name: 'Duty' }, hitId: 'hit-1', seq: 1, prevHash: '0'.repeat(64), hash: 'a'.repeat(64) } as const;

  it('given a new entry without a purpose, then it may not be appended', () => {
    expect(AuditEntry.safeParse({ ...record, details: { reason: 'Identity check with the owner' } }).success).toBe(false);
    expect(AuditEntry.safeParse({ ...record, details: { purpose: 'arrest-procedure', reason: 'Identity check with the owner' } }).success).toBe(true);
  });

  it('given a record written before purposes were asked, then it still reads', () => {
    expect(AuditRecord.parse({ ...record, details: { reason: 'Identity check' } }).details).toEqual({ reason: 'Identity check' });
  });
});
