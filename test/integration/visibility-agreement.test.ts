import { EMPTY_OPS_STATE, foldEvents, maySeeAudit, mayAct, withinScope, type Command } from '@watchfloor/shared';
import fc from 'fast-check';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { isVisibleTo } from '../../hub/src/ops/visibility';
import { createAlertSummaryView } from '../../renderer/src/desktop/alert-summary';
import { en } from '../../renderer/src/i18n/en';
import { anyOfficer, anyOpsLog } from '../../shared/testing/arbitraries';

/**
 * The hub's visibility filter and the console's view of scope are one rule (`maySeeEvent`, `withinScope`):
 * what a console builds from the events the hub lets through is exactly the in-scope part of the whole
 * picture, and the console's own checks agree with it.
 */
await i18next.init({ lng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false } });

const COMMAND_TYPES: readonly Command['type'][] = ['acknowledge', 'escalate', 'resolve', 'note', 'assign'];

describe('hub visibility and console view (property)', () => {
  it('given any officer and log, then the console folds from what the hub sends exactly the alerts within scope', () => {
    fc.assert(
      fc.property(anyOfficer, anyOpsLog, (officer, log) => {
        const whole = foldEvents(EMPTY_OPS_STATE, log).state;
        // The hub asks with its state as of each event, as it does when it delivers a batch live.
        let hubState = EMPTY_OPS_STATE;
        const sent = log.filter((event) => {
          hubState = foldEvents(hubState, [event]).state;
          return isVisibleTo(officer, event, hubState);
        });
        const console = foldEvents(EMPTY_OPS_STATE, sent).state;

        const inScope = [...whole.alerts.values()].filter((alert) => withinScope(officer, alert));
        expect([...console.alerts.values()]).toEqual(inScope);
        expect(sent.some((event) => event.type === 'audit.details-viewed') && !maySeeAudit(officer)).toBe(false);
        expect(createAlertSummaryView(console.alerts.values(), officer).summary()).toEqual(createAlertSummaryView(whole.alerts.values(), officer).summary());
        for (const alert of console.alerts.values()) {
          for (const type of COMMAND_TYPES) expect(mayAct(officer, type, alert)).toEqual(mayAct(officer, type, whole.alerts.get(alert.id)!));
        }
      }),
    );
  });
});
