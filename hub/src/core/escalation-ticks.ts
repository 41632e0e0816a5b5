import type { EscalationPolicy, OpsEvent } from '@watchfloor/shared';
import { createEscalationSchedule, dueEscalation, type EscalationSchedule } from './escalation-schedule';
import type { LogWriter } from './log-writer';

/**
 * The hub's automatic escalation: on each tick, every alert whose deadline has passed goes up one level,
 * appended as the system's event. The schedule (escalation-schedule.ts) keeps deadlines in order, so a
 * tick costs O(due), not O(alerts).
 */
export interface EscalationTicks {
  /** Builds the schedule once, from the whole folded log (O(N)), rather than a push per alert while catching up. */
  start(): void;
  /** Every run of events folded into the picture, so the schedule follows the alerts they change. */
  touched(events: readonly OpsEvent[]): void;
  /** Escalates, one level each, the alerts whose deadline has passed; returns how many. */
  escalateDue(): Promise<number>;
}

export function createEscalationTicks(writer: LogWriter, policy: EscalationPolicy, now: () => number): EscalationTicks {
  /** Built from the folded log at start, then kept up to date by every fold. */
  let escalations: EscalationSchedule | undefined;
  const build = () => createEscalationSchedule(() => writer.state().alerts, { policy });

  return {
    start() {
      escalations = build();
    },

    touched(events) {
      escalations?.touched(events);
    },

    async escalateDue() {
      const candidates = (escalations ??= build()).due(now());
      if (candidates.length === 0) return 0;
      return writer.write(async (_tx, append) => {
        let escalated = 0;
        for (const id of candidates) {
          // Asked again: catching up with other hubs' events may have changed the alert since.
          const event = dueEscalation(writer.state().alerts.get(id), now(), policy);
          if (event === undefined) continue;
          await append(event);
          escalated += 1;
        }
        return escalated;
      });
    },
  };
}
