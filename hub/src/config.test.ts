import { DEFAULT_REVEAL_PURPOSE_LIST, RETENTION_DEFAULTS, embeddedHubArgs } from '@watchfloor/shared';
import { describe, expect, it } from 'vitest';
import { readConfig } from './config';

describe('hub settings: retention by data type', () => {
  it('given no retention settings, then each data type has its documented default', () => {
    const read = readConfig([], {});
    expect('config' in read && read.config.retention).toEqual(RETENTION_DEFAULTS);
  });

  it('given options and environment, then the command line wins over the environment, and each reaches its setting', () => {
    const read = readConfig(
      ['--retention-days', '60', '--retention-subject-days', '14', '--retention-subject-grace-days', '3', '--retention-idempotency-days', '2'],
      { WATCHFLOOR_RETENTION_DAYS: '5', WATCHFLOOR_RETENTION_REFUSAL_DAYS: '730' },
    );
    expect('config' in read && read.config.retention).toEqual({ eventDays: 60, subjectDays: 14, subjectGraceDays: 3, idempotencyDays: 2, refusalDays: 730 });
  });

  it("given the desktop app's arguments for the embedded hub, then the hub takes the bureau's settings", () => {
    const bureau = { eventDays: 7, subjectDays: 30, subjectGraceDays: 3, idempotencyDays: 2, refusalDays: 400 };
    const read = readConfig(embeddedHubArgs('/data', bureau), {});
    expect('config' in read && read.config.retention).toEqual(bureau);
  });

  it.each([
    [['--retention-subject-days', '0'], {}, 'retention.subjectDays: must be at least 1 day'],
    [['--retention-idempotency-days', 'a week'], {}, 'retention.idempotencyDays: expected a whole number of days'],
    [[], { WATCHFLOOR_RETENTION_REFUSAL_DAYS: '1.5' }, 'retention.refusalDays: expected a whole number of days'],
    [['--retention-days', '99999'], {}, 'retention.eventDays: must be at most 3650 days (10 years)'],
  ])('given %j %j, then the hub does not start and the error names the setting', (argv, env, error) => {
    expect(readConfig(argv, env)).toEqual({ error });
  });
});

describe('hub settings: reveal purposes and handling label', () => {
  it('given none, then the default purposes and no handling label', () => {
    const read = readConfig([], {});
    expect('config' in read && read.config.revealPurposes).toEqual(DEFAULT_REVEAL_PURPOSE_LIST);
    expect('config' in read && read.config.handlingLabel).toBeUndefined();
  });

  it("given the bureau's own list and label, then the command line wins over the environment", () => {
    const read = readConfig(['--reveal-purposes', 'arrest-procedure,child-protection:Child protection referral', '--handling-label', ' For official use only '], {
      WATCHFLOOR_REVEAL_PURPOSES: 'victim-safeguarding',
      WATCHFLOOR_HANDLING_LABEL: 'Restricted',
    });
    expect('config' in read && read.config.revealPurposes).toEqual([{ id: 'arrest-procedure' }, { id: 'child-protection', label: 'Child protection referral' }]);
    expect('config' in read && read.config.handlingLabel).toBe('For official use only');
  });

  it("given the desktop app's arguments for the embedded hub, then the hub takes the bureau's purposes and label as the bureau file has them", () => {
    const revealPurposes = [{ id: 'identity-confirmation' }, { id: 'child-protection', label: 'Child protection referral: safeguarding team' }];
    const read = readConfig(embeddedHubArgs('/data', {}, { revealPurposes, handlingLabel: 'Diffusion restreinte' }), {});
    expect('config' in read && read.config.revealPurposes).toEqual(revealPurposes);
    expect('config' in read && read.config.handlingLabel).toBe('Diffusion restreinte');
  });

  it('given an own purpose without a label, then the hub does not start and says which setting is wrong', () => {
    expect(readConfig(['--reveal-purposes', 'child-protection'], {})).toEqual({ error: expect.stringMatching(/^revealPurposes\.0\.label: a purpose of the bureau's own needs a label/) });
  });
});

describe("hub settings: the console's language", () => {
  it('given none, then no bureau language and no warning', () => {
    expect(readConfig([], {})).toMatchObject({ config: { language: undefined }, warnings: [] });
  });

  it('given a language the console speaks, by option or environment, then the option wins and reaches the setting as its code', () => {
    expect(readConfig(['--language', 'ar'], { WATCHFLOOR_LANGUAGE: 'fr' })).toMatchObject({ config: { language: 'ar' }, warnings: [] });
    expect(readConfig([], { WATCHFLOOR_LANGUAGE: 'fr-BJ' })).toMatchObject({ config: { language: 'fr' }, warnings: [] });
    expect(readConfig(['--language', ' es '], {})).toMatchObject({ config: { language: 'es' }, warnings: [] });
  });

  it.each([['de'], ['English'], [''], ['fr_FR'], ['en; rm -rf']])(
    'given %j, then the hub still starts, in English, with a warning naming the setting, the value and the languages it may be',
    (value) => {
      const read = readConfig(['--language', value], {});
      expect(read).toMatchObject({ config: { language: 'en' } });
      expect('warnings' in read && read.warnings).toEqual([
        `language: ${JSON.stringify(value)} is not a language the console speaks (en, fr, es, ar); it starts in English until an officer chooses`,
      ]);
    },
  );
});
