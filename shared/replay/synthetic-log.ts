import { SEVERITIES, SOURCES, type Actor, type Checkpoint, type Operation, type Severity } from '../domain/model';
import type { OpsEvent } from '../protocol/events';
import { mulberry32 } from '../random';
import { actorOf, aHit, officers } from '../testing/builders';

/**
 * A realistic operation log for replay tests and benchmarks, the same for the same seed: mostly hits,
 * with acknowledgements, escalations (by hand and by the hub's deadline), resolutions, notes, assignments,
 * checkpoint outages and recoveries, operation counters and phase changes. Every event is one the hub
 * could have logged: alerts move only along their lifecycle, and handling picks recent alerts, as on a
 * real watch floor.
 */
export interface SyntheticLogOptions {
  readonly seed: number;
  readonly events: number;
  readonly start: number;
  readonly durationMs: number;
  readonly checkpoints?: number;
}

export const SYNTHETIC_OPERATION_ID = 'op-synthetic';
const PHASES = ['Briefing', 'Screening', 'Surge', 'Wind-down', 'Debrief'] as const;
const HANDLERS: readonly Actor[] = [officers.duty, officers.duty2, officers.lead, officers.abuja].map(actorOf);
const HUB: Actor = { id: 'system', name: 'Hub (automatic)' };
/** Officers handle what came in lately; older open alerts are left to the hub's escalation. */
const RECENT = 2000;

interface OpenAlert {
  readonly id: string;
  status: 'new' | 'acknowledged' | 'escalated' | 'confirmation-pending';
  level: 0 | 1 | 2 | 3;
  held: boolean;
}

export function syntheticLog(options: SyntheticLogOptions): OpsEvent[] {
  const random = mulberry32(options.seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const checkpoints: Checkpoint[] = Array.from({ length: options.checkpoints ?? 40 }, (_, index) => ({
    id: `cp-${String(index).padStart(3, '0')}`,
    name: `Checkpoint ${index}`,
    kind: pick(['airport', 'seaport', 'land-border', 'market', 'mobile'] as const),
    country: pick(['NG', 'BJ', 'GH', 'TG', 'CI', 'SN'] as const),
    lon: -17 + random() * 30,
    lat: 4 + random() * 12,
    status: 'online',
  }));
  let operation: Operation = {
    id: SYNTHETIC_OPERATION_ID,
    codename: 'SYNTHETIC',
    status: 'active',
    phase: PHASES[0],
    countries: ['NG', 'BJ', 'GH', 'TG', 'CI', 'SN'],
    window: { start: options.start },
    counters: { checks: 0, hits: 0, arrests: 0, victimsRescued: 0, documentsSeized: 0 },
  };
  const events: OpsEvent[] = [];
  const open: OpenAlert[] = [];
  let hits = 0;
  const step = options.durationMs / Math.max(1, options.events);
  const at = () => Math.floor(options.start + events.length * step);
  const push = (body: DistributiveOmit<OpsEvent, 'seq' | 'at'>) => events.push({ ...body, seq: events.length + 1, at: at() } as OpsEvent);

  push({ type: 'operation.updated', operation });
  for (const checkpoint of checkpoints) if (events.length < options.events) push({ type: 'checkpoint.updated', checkpoint });

  while (events.length < options.events) {
    const roll = random();
    if (roll < 0.58 || open.length === 0) {
      hits += 1;
      const checkpoint = pick(checkpoints);
      const id = `hit-${hits}`;
      push({
        type: 'hit.raised',
        hit: aHit({
          id,
          operationId: SYNTHETIC_OPERATION_ID,
          checkpointId: checkpoint.id,
          country: checkpoint.country,
          at: at(),
          lon: checkpoint.lon,
          lat: checkpoint.lat,
          source: pick(SOURCES),
          score: Math.round(random() * 1000) / 1000,
          severity: severityOf(random()),
          subjectRef: `subj-${hits}`,
        }),
      });
      open.push({ id, status: 'new', level: 0, held: false });
    } else if (roll < 0.93) {
      const index = open.length - 1 - Math.floor(random() * Math.min(open.length, RECENT));
      if (handle(open[index]!, random, pick, push)) {
        open[index] = open.at(-1)!;
        open.pop();
      }
    } else if (roll < 0.97) {
      const index = Math.floor(random() * checkpoints.length);
      const checkpoint = checkpoints[index]!;
      const status = checkpoint.status === 'online' ? (random() < 0.5 ? 'offline' : 'degraded') : 'online';
      checkpoints[index] = { ...checkpoint, status, lastHeard: at() };
      push({ type: 'checkpoint.updated', checkpoint: checkpoints[index] });
    } else {
      const phaseIndex = Math.min(PHASES.length - 1, Math.floor((events.length / options.events) * PHASES.length));
      const counters = operation.counters;
      operation = {
        ...operation,
        phase: PHASES[phaseIndex]!,
        counters: {
          checks: counters.checks + 50 + Math.floor(random() * 500),
          hits,
          arrests: counters.arrests + (random() < 0.3 ? 1 : 0),
          victimsRescued: counters.victimsRescued + (random() < 0.05 ? 1 : 0),
          documentsSeized: counters.documentsSeized + (random() < 0.2 ? 1 : 0),
        },
      };
      push({ type: 'operation.updated', operation });
    }
  }
  return events;
}

/** Moves one open alert a step along its lifecycle; true when it is now resolved. */
function handle(
  alert: OpenAlert,
  random: () => number,
  pick: <T>(items: readonly T[]) => T,
  push: (body: DistributiveOmit<OpsEvent, 'seq' | 'at'>) => void,
): boolean {
  const by = pick(HANDLERS);
  const alertId = alert.id;
  const escalate = (auto: boolean) => {
    alert.level = (alert.level + 1) as 1 | 2 | 3;
    alert.status = 'escalated';
    if (auto) alert.held = false;
    push({ type: 'alert.escalated', alertId, level: alert.level as 1 | 2 | 3, reason: auto ? 'deadline passed' : 'needs the record owner', by: auto ? HUB : by, auto });
  };
  const roll = random();
  if (roll < 0.03) {
    push({ type: 'alert.noted', alertId, text: 'Checked the manifest, "as reported", desk 4', by });
    return false;
  }
  switch (alert.status) {
    case 'new':
    case 'escalated':
      if (!alert.held) {
        if (roll < 0.2 && alert.level < 3) escalate(true);
        else if (roll < 0.25) {
          alert.held = true;
          alert.status = alert.level > 0 ? 'escalated' : 'acknowledged';
          push({ type: 'alert.assigned', alertId, officer: pick(HANDLERS), by: actorOf(officers.lead) });
        } else {
          alert.held = true;
          if (alert.level === 0) alert.status = 'acknowledged';
          push({ type: 'alert.acknowledged', alertId, by });
        }
        return false;
      }
      break;
    case 'confirmation-pending':
      push({ type: 'alert.resolved', alertId, outcome: 'confirmed', final: true, by: actorOf(officers.lead) });
      return true;
    case 'acknowledged':
      break;
  }
  if (roll < 0.25 && alert.level < 3) {
    escalate(false);
    return false;
  }
  if (roll < 0.4) {
    alert.status = 'confirmation-pending';
    push({ type: 'alert.resolved', alertId, outcome: 'confirmed', final: false, by });
    return false;
  }
  push({ type: 'alert.resolved', alertId, outcome: pick(['false-positive', 'no-action', 'handed-over'] as const), final: true, by });
  return true;
}

function severityOf(roll: number): Severity {
  if (roll < 0.05) return SEVERITIES[0];
  if (roll < 0.25) return SEVERITIES[1];
  if (roll < 0.65) return SEVERITIES[2];
  return SEVERITIES[3];
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
