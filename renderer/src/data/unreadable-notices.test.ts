import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { rejectedMessagesNotice, tallyUnreadable, unreadableEventsNotice, NO_UNREADABLE } from './unreadable-notices';

/** The officer reads these notices in English with the right plural, and the count of what was left out. */
const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ lng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false } });
});
const say = (notice: ReturnType<typeof unreadableEventsNotice>) => i18n.t(`notices.${notice.key}`, notice.values);

describe('notices about unreadable hub input', () => {
  it('given one unreadable event, then the notice says which and that the rest is up to date', () => {
    expect(say(unreadableEventsNotice(tallyUnreadable(NO_UNREADABLE, [{ seq: 1234, problem: 'x' }])))).toBe(
      '1 event from the hub could not be read (seq 1234) and was left out; everything else is up to date. The console log has the details.',
    );
  });

  it('given several, then one notice counts them', () => {
    const tally = tallyUnreadable(NO_UNREADABLE, [{ seq: 3, problem: 'x' }, { problem: 'y' }]);
    expect(say(unreadableEventsNotice(tally))).toBe(
      '2 events from the hub could not be read (seq 3) and were left out; everything else is up to date. The console log has the details.',
    );
    expect(say(rejectedMessagesNotice(3))).toMatch(/^3 messages from the hub could not be read/);
  });

  it('given the hub set rows of its log aside, then the admin notice says how many and where to look', () => {
    expect(i18n.t('notices.hubQuarantine', { count: 12 })).toBe(
      "The hub set aside 12 unreadable events from its log; see the hub's log and health endpoint.",
    );
  });
});
