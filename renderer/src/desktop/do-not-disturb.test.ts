import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { doNotDisturbLabel } from './do-not-disturb';

describe('do-not-disturb label', () => {
  beforeAll(async () => {
    await i18next.init({ lng: 'en', fallbackLng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false } });
  });

  it('given the status, then it says in words whether notifications are on and until when they are off', () => {
    expect(doNotDisturbLabel({ active: false }, 'UTC', i18next.t)).toBe('Notifications on');
    const until = Date.UTC(2026, 10, 22, 14, 30);
    expect(doNotDisturbLabel({ active: true, until }, 'Africa/Lagos', i18next.t)).toBe('Do not disturb until 15:30:00 Africa/Lagos');
  });
});
