/** Renderer side of the desktop bridge: what the console does with the shell's extra capabilities. */
export { createAlertSummaryView, alertNotice, type AlertSummaryView } from './alert-summary';
export { takeRecoveredFlag } from './recovered';
export { DO_NOT_DISTURB_CHOICES, doNotDisturbLabel } from './do-not-disturb';
export { DoNotDisturbControl } from './DoNotDisturbControl';
export { CrashRecoveredNotice } from './CrashRecoveredNotice';
