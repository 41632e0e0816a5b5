import { formatZoned } from '@watchfloor/shared';
import { describe, expect, it } from 'vitest';
import { doNotDisturbLabel } from './do-not-disturb';

describe('do-not-disturb label', () => {
  it('given the status, then it says in words whether notifications are on and until when they are off', () => {
    expect(doNotDisturbLabel({ active: false }, 'UTC')).toBe('Notifications on');
    const until = Date.UTC(2026, 10, 22, 14, 30);
    expect(doNotDisturbLabel({ active: true, until }, 'Africa/Lagos')).toBe(`Do not disturb until ${formatZoned(until, 'Africa/Lagos')}`);
  });
});
