import { performance } from 'node:perf_hooks';
import {
  DEFAULT_ESCALATION_POLICY,
  EMPTY_OPS_STATE,
  SEVERITIES,
  escalationDeadline,
  foldEventsInPlace,
  type OpsEvent,
  type OpsState,
} from '@watchfloor/shared';
import { actorOf, aHit, officers } from '@watchfloor/shared/testing';
import { createEscalationSchedule, dueEscalation, type EscalationSchedule } from '../../hub/src/core/escalation-schedule';
import { mulberry32 } from '../../shared/random';
import { median, percentile, type Bench, type Measurement, type Verdict } from './report';

/**
 * The hub's automatic-escalation tick at 1,000,000 open alerts: with nothing due, and with 100, 1,000 and
 * 10,000 due, side by side with the pass over every alert the tick used to make.
 *
 * What is timed is the authority's tick without the database: `due` on the schedule (what `escalateDue` asks
 * first, and all it does when nothing is due), then for each due alert the escalation the write appends
 * (`dueEscalation`), folded in place and handed back to the schedule as `absorb` does. Appending those
 * events costs O(due) in the database, as it did before.
 */
const ALERTS = 1_000_000;
const START = Date.UTC(2026, 10, 22, 6, 0, 0);
/**
 * Alerts are raised in a one-minute surge, some acknowledged so both deadline rules are in the schedule. The
 * 100,000 earliest deadlines then fall within half a minute, so an escalated alert's next one (two minutes
 * on at least) comes after every clock the ticks below use, and each tick escalates exactly what it is given.
 */
const RAISED_OVER_MS = 60_000;
const ACKNOWLEDGED_SHARE = 0.3;
const IDLE_TICKS = 2000;
const SCANS = 5;
const DUE_SIZES = [100, 1000, 10_000] as const;
const TICKS_PER_SIZE = 9;
const SEED = 20261122;

function openAlerts(): OpsState {
  const random = mulberry32(SEED);
  const owned: OpsState = { ...EMPTY_OPS_STATE, operations: new Map(), checkpoints: new Map(), alerts: new Map() };
  const events: OpsEvent[] = [];
  const duty = actorOf(officers.duty);
  let seq = 0;
  for (let i = 0; i < ALERTS; i += 1) {
    const at = START + Math.floor((i * RAISED_OVER_MS) / ALERTS);
    const id = `hit-${i}`;
    const severity = SEVERITIES[Math.floor(random() * SEVERITIES.length)]!;
    events.push({ seq: (seq += 1), at, type: 'hit.raised', hit: aHit({ id, severity, at, subjectRef: `subj-${i}` }) });
    if (random() < ACKNOWLEDGED_SHARE) events.push({ seq: (seq += 1), at: at + 30_000, type: 'alert.acknowledged', alertId: id, by: duty });
  }
  // Acknowledgements come 30 s after their hit; the log is in seq order, so fold it sorted by time.
  events.sort((a, b) => a.at - b.at || a.seq - b.seq);
  events.forEach((event, index) => ((event as { seq: number }).seq = index + 1));
  return foldEventsInPlace(owned, events).state;
}

/** The pass over every alert the tick used to make. */
function scanDue(state: OpsState, now: number): string[] {
  return [...state.alerts.keys()].filter((id) => {
    const alert = state.alerts.get(id);
    const deadline = alert && escalationDeadline(alert, DEFAULT_ESCALATION_POLICY);
    return deadline !== undefined && deadline.at <= now;
  });
}

/** How many of the sorted `deadlines` are at or before `now`. */
function dueThrough(deadlines: readonly number[], now: number): number {
  let low = 0;
  let high = deadlines.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (deadlines[middle]! <= now) low = middle + 1;
    else high = middle;
  }
  return low;
}

function time(action: () => void): number {
  const started = performance.now();
  action();
  return performance.now() - started;
}

export const bench: Bench = {
  name: `escalation: the hub's escalation tick at ${ALERTS.toLocaleString('en')} open alerts, deadline schedule vs a pass over every alert`,
  async run() {
    console.log('  folding the open alerts…');
    let state = openAlerts();
    const deadlines = [...state.alerts.values()].map((alert) => escalationDeadline(alert)!.at).sort((a, b) => a - b);
    let schedule: EscalationSchedule | undefined;
    const buildMs = time(() => (schedule = createEscalationSchedule(() => state.alerts)));
    const escalations = schedule!;

    /** One tick at `now`, as the authority runs it, minus the database. Returns how many it escalated. */
    const tick = (now: number): number => {
      const due = escalations.due(now);
      if (due.length === 0) return 0;
      const appended: OpsEvent[] = [];
      let seq = state.lastSeq;
      for (const id of due) {
        const event = dueEscalation(state.alerts.get(id), now);
        if (event !== undefined) appended.push({ ...event, seq: (seq += 1), at: now });
      }
      state = foldEventsInPlace(state, appended).state;
      escalations.touched(appended);
      return appended.length;
    };

    console.log(`  ${IDLE_TICKS} ticks with nothing due, ${SCANS} passes over every alert…`);
    const quiet = deadlines[0]! - 1;
    for (let warm = 0; warm < 200; warm += 1) tick(quiet);
    const idleMs = Array.from({ length: IDLE_TICKS }, () => time(() => tick(quiet))).sort((a, b) => a - b);
    let scanned = 0;
    const scanMs = Array.from({ length: SCANS }, () => time(() => (scanned = scanDue(state, quiet).length)));
    if (scanned !== 0) throw new Error(`the pass found ${scanned} due where the schedule found none`);

    // Each tick moves the clock to the deadline that makes the next `size` alerts due (a few more when others
    // share that deadline to the millisecond).
    let taken = 0;
    const dueMs = new Map<number, { readonly ms: number; readonly escalated: number }[]>();
    for (const size of DUE_SIZES) {
      console.log(`  ${TICKS_PER_SIZE} ticks with ${size.toLocaleString('en')} due…`);
      const runs: { ms: number; escalated: number }[] = [];
      for (let run = 0; run < TICKS_PER_SIZE; run += 1) {
        const now = deadlines[taken + size - 1]!;
        const through = dueThrough(deadlines, now);
        let escalated = 0;
        runs.push({ ms: time(() => (escalated = tick(now))), escalated });
        if (escalated !== through - taken) throw new Error(`a tick escalated ${escalated} where ${through - taken} were due`);
        taken = through;
      }
      dueMs.set(size, runs);
    }

    const idleMedian = percentile(idleMs, 50);
    const idleP95 = percentile(idleMs, 95);
    const scanMedian = median(scanMs);
    const dueMedian = (size: number) => median(dueMs.get(size)!.map((run) => run.ms));
    const perAlertUs = (size: number) => median(dueMs.get(size)!.map((run) => (run.ms * 1000) / run.escalated));
    const measurements: Measurement[] = [
      { label: 'schedule built from the folded state (start)', value: buildMs, unit: 'ms' },
      { label: 'tick, nothing due: median', value: idleMedian * 1000, unit: 'µs' },
      { label: 'tick, nothing due: p95', value: idleP95 * 1000, unit: 'µs' },
      ...DUE_SIZES.flatMap((size) => [
        { label: `tick, ${size.toLocaleString('en')} due: median`, value: dueMedian(size), unit: 'ms' },
        { label: `tick, ${size.toLocaleString('en')} due: per due alert`, value: perAlertUs(size), unit: 'µs' },
      ]),
      { label: 'pass over every alert (old tick, nothing due): median', value: scanMedian, unit: 'ms' },
    ];
    const proportional = perAlertUs(10_000) / perAlertUs(1000);
    const verdicts: Verdict[] = [
      { target: 'a tick with nothing due < 1 ms (median and p95)', measured: `${(idleMedian * 1000).toFixed(1)} µs / ${(idleP95 * 1000).toFixed(1)} µs`, pass: idleP95 < 1 },
      {
        target: 'a tick with nothing due >= 1000x faster than the pass over every alert',
        measured: `${(scanMedian / idleMedian).toFixed(0)}x`,
        pass: scanMedian / idleMedian >= 1000,
      },
      {
        target: 'a tick with 1,000 due < 1/10 of the pass over every alert',
        measured: `${dueMedian(1000).toFixed(2)} ms vs ${scanMedian.toFixed(0)} ms`,
        pass: dueMedian(1000) * 10 < scanMedian,
      },
      {
        target: 'cost grows with the due, not the alerts: per due alert at 10,000 <= 3x at 1,000',
        measured: `${perAlertUs(100).toFixed(1)} / ${perAlertUs(1000).toFixed(1)} / ${perAlertUs(10_000).toFixed(1)} µs per due alert at 100 / 1,000 / 10,000 (${proportional.toFixed(2)}x)`,
        pass: proportional <= 3,
      },
    ];
    return { name: 'escalation', measurements, verdicts };
  },
};
