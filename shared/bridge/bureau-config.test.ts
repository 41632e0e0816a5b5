import { describe, expect, it } from 'vitest';
import { parseWith } from '../validation';
import { BureauConfig, UserOverrides } from './bureau-config';

const abuja = {
  bureau: 'abuja',
  name: 'NCB Abuja',
  hubUrl: 'https://hub.ncb-abuja.example',
  country: 'NG',
  language: 'en',
  timeZone: 'Africa/Lagos',
  retentionDays: 30,
  updateServerUrl: 'https://updates.ncb-abuja.example/watchfloor',
};

const fields = (input: unknown) => {
  const parsed = parseWith(BureauConfig, input);
  return parsed.ok ? [] : parsed.issues.map((issue) => issue.path);
};

describe('bureau configuration', () => {
  it('given a complete bureau file or the demo hub, then it is accepted', () => {
    expect(BureauConfig.parse(abuja)).toEqual(abuja);
    const { updateServerUrl: _none, ...demo } = { ...abuja, hubUrl: 'demo' };
    expect(BureauConfig.parse(demo).hubUrl).toBe('demo');
  });

  it('given wrong fields, then each is named', () => {
    expect(fields({ ...abuja, country: 'Nigeria' })).toEqual(['country']);
    expect(fields({ ...abuja, timeZone: 'Lagos/Africa' })).toEqual(['timeZone']);
    expect(fields({ ...abuja, hubUrl: 'ftp://hub' })).toEqual(['hubUrl']);
    expect(fields({ ...abuja, hubUrl: 'http://hub.ncb-abuja.example' })).toEqual(['hubUrl']);
    expect(fields({ ...abuja, hubUrl: 'http://127.0.0.1:4100' })).toEqual([]);
    expect(fields({ ...abuja, retentionDays: 0 })).toEqual(['retentionDays']);
    expect(fields({ ...abuja, updateServerUrl: 'file:///tmp' })).toEqual(['updateServerUrl']);
    expect(fields({ ...abuja, language: 'English' })).toEqual(['language']);
  });

  it("given retention settings for the embedded hub, then those given are taken and a wrong or unknown one is named", () => {
    expect(BureauConfig.parse({ ...abuja, retention: { subjectDays: 14, refusalDays: 730 } }).retention).toMatchObject({ subjectDays: 14, refusalDays: 730 });
    const refused = parseWith(BureauConfig, { ...abuja, retention: { subjectGraceDays: 0 } });
    expect(refused.ok ? [] : refused.issues).toEqual([{ path: 'retention.subjectGraceDays', message: 'must be at least 1 day' }]);
    expect(fields({ ...abuja, retention: { eventDays: 10 } })).toEqual(['retention']);
    expect(fields({ ...abuja, retentionDays: 4000 })).toEqual(['retentionDays']);
    expect(UserOverrides.safeParse({ retention: { subjectDays: 3650 } }).success).toBe(false);
  });

  it("given the bureau's reveal purposes and handling label, then they are taken; a purpose of its own without a label, a label with a comma or a two-line handling label is named", () => {
    const policy = { revealPurposes: [{ id: 'arrest-procedure' }, { id: 'child-protection', label: 'Child protection referral' }], handlingLabel: 'For official use only' };
    expect(BureauConfig.parse({ ...abuja, ...policy })).toMatchObject(policy);
    expect(fields({ ...abuja, revealPurposes: [{ id: 'child-protection' }] })).toEqual(['revealPurposes.0.label']);
    expect(fields({ ...abuja, revealPurposes: [{ id: 'child-protection', label: 'Children, families' }] })).toEqual(['revealPurposes.0.label']);
    expect(fields({ ...abuja, handlingLabel: 'For official\nuse only' })).toEqual(['handlingLabel']);
  });

  it('given an update feed over plain http, then it is refused by name; https or this workstation, then accepted', () => {
    const refused = parseWith(BureauConfig, { ...abuja, updateServerUrl: 'http://updates.ncb-abuja.example/watchfloor' });
    expect(refused.ok ? [] : refused.issues).toEqual([{ path: 'updateServerUrl', message: expect.stringContaining('never fetched over plain http') }]);
    expect(fields({ ...abuja, updateServerUrl: 'http://localhost.evil.example/feed' })).toEqual(['updateServerUrl']);
    for (const url of ['https://updates.ncb-abuja.example/watchfloor', 'http://127.0.0.1:8080/feed', 'http://localhost/feed', 'http://[::1]:9/feed']) {
      expect(fields({ ...abuja, updateServerUrl: url })).toEqual([]);
    }
  });

  it('given link hosts, then host names are accepted and anything else is named; workstations cannot add any', () => {
    expect(fields({ ...abuja, externalLinkHosts: ['www.interpol.int', 'wiki.ncb-abuja.example'] })).toEqual([]);
    expect(fields({ ...abuja, externalLinkHosts: ['https://www.interpol.int/'] })).toEqual(['externalLinkHosts.0']);
    expect(fields({ ...abuja, externalLinkHosts: ['*.example'] })).toEqual(['externalLinkHosts.0']);
    expect(UserOverrides.safeParse({ externalLinkHosts: ['evil.example'] }).success).toBe(false);
  });

  it('given a missing field or an unknown one (a typo), then it is refused', () => {
    const { country: _gone, ...withoutCountry } = abuja;
    expect(fields(withoutCountry)).toEqual(['country']);
    expect(fields({ ...abuja, timezone: 'Africa/Lagos' })).toEqual(['']);
  });

  it('given workstation overrides, then only the overridable fields are accepted', () => {
    expect(UserOverrides.parse({ language: 'fr', alertSound: true })).toEqual({ language: 'fr', alertSound: true });
    expect(UserOverrides.safeParse({ updateServerUrl: 'https://elsewhere.example' }).success).toBe(false);
    expect(UserOverrides.safeParse({ country: 'BJ' }).success).toBe(false);
  });
});
