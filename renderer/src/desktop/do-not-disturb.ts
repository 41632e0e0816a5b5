import { formatZoned, type DoNotDisturbStatus } from '@watchfloor/shared';

/** The choices the do-not-disturb control offers, in minutes; 0 ends it. */
export const DO_NOT_DISTURB_CHOICES = [0, 15, 30, 60, 120] as const;

/** `Do not disturb until 15:30:00 Africa/Lagos`, or `Notifications on`; words, not an icon alone. */
export function doNotDisturbLabel(status: DoNotDisturbStatus, timeZone: string): string {
  return status.active && status.until !== undefined
    ? `Do not disturb until ${formatZoned(status.until, timeZone)}`
    : 'Notifications on';
}
