import { defaultSeverity, OUTCOMES, type Actor, type PendingEvent } from '@watchfloor/shared';
import type { RunningHub } from '../../../hub/src/index';
import { DEMO_OPERATION_ID } from '../../../hub/src/index';
import { createScenario, type ScenarioCheckpoint } from '../../../hub/src/sim/scenario';

/**
 * Gives a bench hub `count` alerts held (adding to those it holds), as a six-day operation leaves them: hits as the demo simulator
 * makes them (its checkpoints, sources, scores, owners and summaries; severity as ingest sets it), raised
 * over the six days before now, then a fifth acknowledged, a tenth resolved and one in fifty escalated by
 * hand; hit n comes at the same time whichever call raises it. Written through the hub's own append path in batches of a few thousand events, so the log, the
 * folded picture and everything listening to it are what a hub that lived through them would hold.
 * Returns how long it took.
 */
const BATCH_HITS = 4000;
/** A million hits over six days: one every half second or so, up to a minute before the bench started. */
const SPAN_MS = 6 * 86_400_000;
const STEP_MS = SPAN_MS / 1_000_000;
const OPERATION_START = Date.now() - 60_000 - SPAN_MS;
const HANDLERS: readonly Actor[] = [
  { id: 'off-duty', name: 'Duty Officer (demo)' },
  { id: 'off-lead', name: 'Shift Lead (demo)' },
  { id: 'off-abuja', name: 'NCB Abuja Desk (demo)' },
];

/** `report` hears of every hundred thousand held. */
export async function holdAlerts(hub: RunningHub, count: number, report?: (message: string) => void): Promise<number> {
  const started = performance.now();
  const checkpoints = [...hub.authority.state().checkpoints.values()];
  if (checkpoints.length === 0) throw new Error('the bench hub has no checkpoints: start it in demo mode');
  const regional: ScenarioCheckpoint[] = checkpoints.filter((c) => c.id.startsWith('ng-') || c.id.startsWith('bj-'));
  const worldwide: ScenarioCheckpoint[] = checkpoints.filter((c) => c.id.startsWith('ap-'));
  const byId = new Map(checkpoints.map((checkpoint) => [checkpoint.id, checkpoint]));
  const first = hub.authority.state().alerts.size;
  const scenario = createScenario(20261207 + first, DEMO_OPERATION_ID, regional, worldwide, 'held');
  const random = scenario.random;
  for (let done = first; done < count; done += BATCH_HITS) {
    const events: PendingEvent[] = [];
    const handling: PendingEvent[] = [];
    for (let n = done; n < Math.min(count, done + BATCH_HITS); n += 1) {
      const at = Math.floor(OPERATION_START + n * STEP_MS);
      const body = scenario.nextHit(at);
      const checkpoint = byId.get(body.checkpointId)!;
      const id = `hit-held-${n}`;
      events.push({
        type: 'hit.raised',
        hit: {
          id,
          operationId: body.operationId,
          checkpointId: checkpoint.id,
          country: checkpoint.country,
          at,
          lon: checkpoint.lon,
          lat: checkpoint.lat,
          source: body.source,
          score: body.score,
          severity: defaultSeverity(body.source, body.score),
          recordOwner: body.recordOwner,
          summary: body.summary,
          subjectRef: `subj-held-${n}`,
        },
      });
      const by = HANDLERS[n % HANDLERS.length]!;
      if (n % 50 === 7) handling.push({ type: 'alert.escalated', alertId: id, level: 1, reason: 'needs the record owner', by, auto: false });
      if (n % 5 === 0) handling.push({ type: 'alert.acknowledged', alertId: id, by });
      if (n % 10 === 0) handling.push({ type: 'alert.resolved', alertId: id, outcome: OUTCOMES[1 + Math.floor(random() * 3)]!, final: true, by });
    }
    await hub.authority.appendSystemEvents([...events, ...handling]);
    const held = Math.min(count, done + BATCH_HITS);
    if (held % 100_000 === 0) report?.(`${held.toLocaleString('en')} alerts held`);
  }
  await hub.authority.drain();
  return performance.now() - started;
}
