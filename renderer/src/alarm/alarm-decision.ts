import { ALERT_NOTICE_LIMIT, type AlertNotice, type AlertSummary } from '@watchfloor/shared';

/**
 * When the console raises the alarm in its own window (any browser, or the desktop shell): for a critical
 * hit that nobody holds and that was not in the last summary. The summary is the live, scoped one the
 * desktop shell gets (`createAlertSummaryView`), so a scoped officer is alarmed only for their scope, and an
 * alert released again by the hub's escalation (nobody holds it any more) alarms again. The first summary
 * after sign-in is the baseline: what was already waiting is in the tab title, not a burst of noise.
 */
export interface AlarmPolicy {
  /** The officer's role handles alerts (an observer's wall and an auditor are never alarmed). */
  readonly watchesAlerts: boolean;
  /** The desktop shell's do-not-disturb is on: no sound, no notification; the title and the queue still show it. */
  readonly doNotDisturb: boolean;
  /** The workstation's alarm sound is on. */
  readonly soundOn: boolean;
  /** A browser notification may be shown: permitted, and not in the desktop shell (which raises its own). */
  readonly mayNotify: boolean;
  /** The officer is looking at this window; a notification would only repeat what they see. */
  readonly looking: boolean;
}

interface AlarmDecision {
  /** The critical alerts seen, to compare the next summary with. */
  readonly seen: ReadonlySet<string>;
  /** New critical alerts, newest first; announced to screen readers whatever the policy for sound. */
  readonly fresh: readonly AlertNotice[];
  readonly sound: boolean;
  readonly notify: readonly AlertNotice[];
}

export function decideAlarm(seen: ReadonlySet<string> | undefined, summary: AlertSummary, policy: AlarmPolicy): AlarmDecision {
  const next = new Set(summary.critical.map((notice) => notice.alertId));
  if (!policy.watchesAlerts || seen === undefined) return { seen: next, fresh: [], sound: false, notify: [] };
  const fresh = summary.critical.filter((notice) => !seen.has(notice.alertId));
  const loud = fresh.length > 0 && !policy.doNotDisturb;
  return {
    seen: next,
    fresh,
    sound: loud && policy.soundOn,
    notify: loud && policy.mayNotify && !policy.looking ? fresh : [],
  };
}

/** The unacknowledged critical count for the tab title: exact up to the summary's limit, then "at least". */
export function criticalCount(summary: AlertSummary): { readonly count: number; readonly atLeast: boolean } {
  return { count: summary.critical.length, atLeast: summary.critical.length >= ALERT_NOTICE_LIMIT };
}
