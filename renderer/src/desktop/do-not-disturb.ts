import type { DoNotDisturbStatus } from '@watchfloor/shared';
import type { TFunction } from 'i18next';
import { formatLocalTime } from '../i18n/format';

/** The choices the do-not-disturb control offers, in minutes; 0 ends it. */
export const DO_NOT_DISTURB_CHOICES = [0, 15, 30, 60, 120] as const;

/** `Do not disturb until 15:30:00 Africa/Lagos`, or `Notifications on`; words, not an icon alone. */
export function doNotDisturbLabel(status: DoNotDisturbStatus, timeZone: string, t: TFunction): string {
  return status.active && status.until !== undefined
    ? t('desktop.doNotDisturbUntil', { time: formatLocalTime(status.until, timeZone) })
    : t('desktop.notificationsOn');
}
