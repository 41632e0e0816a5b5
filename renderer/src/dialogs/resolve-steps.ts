import type { Outcome, Severity } from '@watchfloor/shared';

/**
 * When resolving asks twice. Closing a critical or high alert as "False positive" or "No action" ends its
 * escalation for good and nothing more happens about the match, so the dialog first says what it will do
 * (the alert, the outcome and the effect) and acts only when the officer confirms that.
 */
const WEIGHTY: readonly Severity[] = ['critical', 'high'];
const DISMISSING: readonly Outcome[] = ['false-positive', 'no-action'];

export function needsResolveConfirmation(severity: Severity, outcome: Outcome): boolean {
  return WEIGHTY.includes(severity) && DISMISSING.includes(outcome);
}

/** Whether the dialog may go on: an outcome chosen (none is chosen for the officer) and a closing comment. */
export function resolveReady(outcome: Outcome | undefined, comment: string): outcome is Outcome {
  return outcome !== undefined && comment.trim().length > 0;
}
