import { z } from 'zod';
import { EntityId, EpochMs } from '../domain/model';

/**
 * What the renderer tells the main process about alerts so the desktop can reach an officer who is not
 * looking at the window: native notifications, the tray count and taskbar/dock attention. The renderer
 * decides what concerns this officer (scope, escalation level); the main process decides how to tell them.
 */
export const ALERT_NOTICE_LIMIT = 200;

export const AlertNotice = z.object({
  alertId: EntityId,
  /** Plain text, no personal data: e.g. "Critical hit: SLTD at Lagos airport". */
  title: z.string().min(1).max(120),
  body: z.string().max(280),
});
export type AlertNotice = Readonly<z.infer<typeof AlertNotice>>;

export const AlertSummary = z.object({
  /** Open alerts nobody holds: the tray count. */
  unacknowledged: z.int().nonnegative().max(1_000_000),
  /** Open critical alerts not yet acknowledged; a new id here raises a notification. */
  critical: z.array(AlertNotice).max(ALERT_NOTICE_LIMIT),
  /** Open alerts escalated to this officer's level; a new id here raises a notification. */
  escalatedToMe: z.array(AlertNotice).max(ALERT_NOTICE_LIMIT),
});
export type AlertSummary = Readonly<z.infer<typeof AlertSummary>>;

/** 0 turns do-not-disturb off; at most one 12-hour shift. */
export const DoNotDisturbMinutes = z.int().min(0).max(720);

export const DoNotDisturbStatus = z.object({
  active: z.boolean(),
  /** When it ends, epoch ms; absent when inactive. */
  until: EpochMs.optional(),
});
export type DoNotDisturbStatus = Readonly<z.infer<typeof DoNotDisturbStatus>>;

/** Sent to the desk window when the officer clicks a native notification. */
export const FocusAlert = z.object({ alertId: EntityId });
export type FocusAlert = Readonly<z.infer<typeof FocusAlert>>;
