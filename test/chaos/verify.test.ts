import { EMPTY_OPS_STATE, conflict, foldEvents, type CommandAck, type OpsEvent } from '@watchfloor/shared';
import { actorOf, hitRaised, logged, officers } from '@watchfloor/shared/testing';
import { describe, expect, it } from 'vitest';
import { auditCommands, comparePictures, pictureFor } from './verify';
import type { GivenCommand } from './world';

/** The chaos suite's end checks must see what they are there to see: a check that passes everything proves nothing. */
const duty = officers.duty;
const raised = hitRaised(1, { id: 'hit-1', country: 'BJ', recordOwner: 'FR' });
const acknowledged = logged({ type: 'alert.acknowledged', alertId: 'hit-1', by: actorOf(duty) }, 2);
const noted = (seq: number, mutationId: string) => logged({ type: 'alert.noted', alertId: 'hit-1', text: `chaos note [${mutationId}]`, by: actorOf(duty) }, seq);
const fold = (events: readonly OpsEvent[]) => foldEvents(EMPTY_OPS_STATE, events).state;

function given(mutationId: string, answers: CommandAck[], type: 'note' | 'acknowledge' = 'note'): GivenCommand {
  const command = type === 'note' ? { type, alertId: 'hit-1', mutationId, text: `chaos note [${mutationId}]` } : { type, alertId: 'hit-1', mutationId };
  return { command, console: 'duty', officerId: duty.id, generation: 1, answers, resolved: answers.at(-1), resolvedTimes: answers.length > 0 ? 1 : 0 };
}

describe('the chaos end checks', () => {
  it('given the same events folded on both sides, then the pictures match with nothing missing or doubled', () => {
    const result = comparePictures('duty', fold([raised, acknowledged]), fold([raised, acknowledged]));
    expect(result).toEqual({ differences: [], missingEvents: 0, doubledEvents: 0 });
  });

  it('given a console that missed an event, then the alert differs and one event is missing', () => {
    const result = comparePictures('duty', fold([raised]), fold([raised, acknowledged]));
    expect(result.missingEvents).toBe(1);
    expect(result.differences).toEqual([expect.stringContaining('alert hit-1 differs')]);
  });

  it('given a console that applied a note twice, then one event is doubled', () => {
    const once = fold([raised, noted(2, 'chaos-1-m1')]);
    const alert = once.alerts.get('hit-1')!;
    const twice = { ...once, alerts: new Map([['hit-1', { ...alert, history: [...alert.history, alert.history[1]!] }]]) };
    expect(comparePictures('duty', twice, once).doubledEvents).toBe(1);
  });

  it('given a scoped officer, then only the alerts that concern the scope are expected', () => {
    const ng = hitRaised(2, { id: 'hit-2', country: 'NG' });
    expect([...pictureFor(officers.abuja, fold([raised, ng])).alerts.keys()]).toEqual(['hit-2']);
  });

  it('given an accepted note logged twice, then it counts as applied twice', () => {
    const log = [raised, noted(2, 'chaos-1-m1'), noted(3, 'chaos-1-m1')];
    const audit = auditCommands([given('chaos-1-m1', [{ ok: true, seq: 2 }])], () => 1, [{ mutationId: 'chaos-1-m1', officerId: duty.id, seq: 2 }], log, new Set([duty.id]));
    expect(audit.appliedTwice).toBe(1);
    expect(audit.problems).not.toEqual([]);
  });

  it('given a command that never got an answer, then it counts as lost', () => {
    const audit = auditCommands([given('chaos-1-m1', [], 'acknowledge')], () => 2, [], [raised], new Set([duty.id]));
    expect(audit.unanswered).toBe(1);
  });

  it('given a refusal the hub nevertheless logged, then it is reported', () => {
    const refusal: CommandAck = conflict('held-by-other', { name: 'Lea Lead' });
    const audit = auditCommands([given('chaos-1-m1', [refusal], 'acknowledge')], () => 1, [{ mutationId: 'chaos-1-m1', officerId: duty.id, seq: 2 }], [raised, acknowledged], new Set([duty.id]));
    expect(audit.refused).toBe(1);
    expect(audit.problems).toEqual(expect.arrayContaining([expect.stringContaining('refused, yet the hub recorded it')]));
  });

  it('given an accepted command answered again as a duplicate, then it is applied once and passes', () => {
    const answers: CommandAck[] = [{ ok: true, seq: 2 }, { ok: true, seq: 2, duplicate: true }];
    const audit = auditCommands([given('chaos-1-m1', answers, 'acknowledge')], () => 1, [{ mutationId: 'chaos-1-m1', officerId: duty.id, seq: 2 }], [raised, acknowledged], new Set([duty.id]));
    expect(audit).toMatchObject({ problems: [], applied: 1, appliedTwice: 0, resentDuplicates: 1 });
  });
});
