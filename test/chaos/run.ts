import {
  authorize,
  foldEvents,
  EMPTY_OPS_STATE,
  OUTCOMES,
  type Alert,
  type Command,
  type CommandAck,
  type Officer,
  type OpsState,
} from '@watchfloor/shared';
import { IDBKeyRange } from 'fake-indexeddb';
import { isVisibleTo } from '../../hub/src/ops/visibility';
import { DEFAULT_CACHE_NAME, openLocalCache } from '../../renderer/src/cache';
import { waitUntil, type TestBackend } from '../support/hub';
import type { DeliveryFaultRates } from './flaky-worker';
import { seededRandom, type Random } from './prng';
import { auditCommands, canonical, comparePictures, compareSeqs, pictureFor, type MutationRow } from './verify';
import {
  createIngestor,
  loggedEvents,
  readCacheRows,
  startChaosHub,
  startConsole,
  type ChaosConsole,
  type ChaosHub,
  type GivenCommand,
} from './world';

/**
 * The fault-injection run of issue 7: a real hub, several consoles each behind a fault proxy, and a schedule
 * drawn from a seed: hits ingested throughout, commands given alone and in races between officers, and
 * faults (cut connections, one-way blackholes, hub restarts, console reloads, duplicated and late batches,
 * hits sent twice). At the end every fault is healed and the run checks that each console and each local
 * cache holds the hub's picture, that no event is missing or doubled, and that every command was applied
 * exactly once or refused with a reason.
 *
 * The schedule (which fault, command and hit when) is a function of the seed; the exact interleaving with
 * real sockets is not, so a replayed seed gives the same run shape, not the same nanoseconds.
 */
export interface ChaosScale {
  readonly name: string;
  readonly rounds: number;
  readonly hits: number;
  readonly commands: number;
  readonly hubRestarts: number;
  readonly reloads: number;
  /** Held one-way blackholes kept until a command's answer times out (15 s each), so it is sent again. */
  readonly stalls: number;
  /** Chance per round and console that a network fault starts. */
  readonly networkFaults: number;
  readonly delivery: DeliveryFaultRates;
  /** Chance per round that a checkpoint system sends a few hits again. */
  readonly resend: number;
}

export const SCALES: Readonly<Record<'short' | 'full', ChaosScale>> = {
  short: {
    name: 'short',
    rounds: 30,
    hits: 850,
    commands: 110,
    hubRestarts: 1,
    reloads: 5,
    stalls: 1,
    networkFaults: 0.08,
    delivery: { duplicate: 0.1, overlap: 0.1, replay: 0.1 },
    resend: 0.2,
  },
  full: {
    name: 'full',
    rounds: 120,
    hits: 4200,
    commands: 480,
    hubRestarts: 4,
    reloads: 18,
    stalls: 4,
    networkFaults: 0.08,
    delivery: { duplicate: 0.1, overlap: 0.1, replay: 0.1 },
    resend: 0.2,
  },
};

export interface ChaosReport {
  readonly seed: number;
  readonly backend: string;
  readonly events: number;
  readonly commands: number;
  readonly applied: number;
  readonly refused: number;
  readonly faults: number;
  readonly faultsByKind: Record<string, number>;
  readonly races: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly resentDuplicates: number;
  readonly refusalsByCode: Record<string, number>;
  readonly problems: readonly string[];
  readonly line: string;
}

const CONSOLES = [
  { name: 'duty', username: 'duty' },
  { name: 'lead', username: 'lead' },
  { name: 'admin', username: 'admin' },
  { name: 'abuja', username: 'abuja' },
  { name: 'wall', username: 'wall' },
] as const;

/** How long a healed console may take to be back: reconnection backs off up to 5 s, a lost command answer times out after 15 s. */
const SETTLE_MS = 120_000;

/**
 * A network fault on one console's proxy, from its round until round `until`, and then for as long as it
 * takes to have had its effect (see `hasBitten`), so that faults bite however fast the machine is.
 */
interface NetworkFault {
  readonly console: string;
  readonly kind: 'cut' | 'blackhole-lossy' | 'blackhole-held' | 'stall';
  readonly direction: 'to-hub' | 'to-client';
  readonly until: number;
}

interface ActiveFault {
  readonly fault: NetworkFault;
  /** The hub's head, and the console's command timeouts, when it began. */
  readonly head: number;
  readonly timedOut: number;
}

interface CommandPlan {
  readonly consoles: readonly string[];
  /** In [0, 1): which alert, counted back from the newest the first console sees. */
  readonly alertPick: number;
  /** In [0, 1) per console: which command. */
  readonly typePicks: readonly number[];
  /** Per console: act on what the screen shows (false: regardless, as a racing officer on a stale screen may). */
  readonly careful: readonly boolean[];
}

interface Round {
  readonly hits: number;
  readonly faults: readonly NetworkFault[];
  readonly restartHub: boolean;
  readonly reloads: readonly string[];
  readonly commands: readonly CommandPlan[];
  /** Wait for every healthy console to catch up before the next round. */
  readonly sync: boolean;
}

/** The whole schedule, drawn from the seed before anything runs. */
export function planRounds(scale: ChaosScale, random: Random): Round[] {
  const actors = CONSOLES.filter((spec) => spec.name !== 'wall').map((spec) => spec.name);
  const names = CONSOLES.map((spec) => spec.name);
  const middle = (count: number) => random.sample(Array.from({ length: scale.rounds - 4 }, (_, index) => index + 2), count);
  const restarts = new Set(middle(scale.hubRestarts));
  const reloadRounds = middle(scale.reloads);
  // One stall always comes last, and its console gives no command after it: nothing but the outbox itself
  // may then send the command whose answer was lost.
  const lastStall = scale.rounds - 3;
  const stalls = new Set([...middle(scale.stalls - 1), lastStall]);
  let quiet: string | undefined;
  const busy = new Map<string, number>();
  const rounds: Round[] = [];
  let commandsLeft = scale.commands;
  let hitsLeft = scale.hits;
  for (let index = 0; index < scale.rounds; index += 1) {
    const left = scale.rounds - index;
    const hits = index === scale.rounds - 1 ? hitsLeft : Math.min(hitsLeft, Math.round((hitsLeft / left) * (0.5 + random.next())));
    hitsLeft -= hits;
    const faults: NetworkFault[] = [];
    const stalled = stalls.has(index) ? random.pick(actors.filter((name) => (busy.get(name) ?? -1) < index)) : undefined;
    for (const name of names) {
      const stall = name === stalled;
      if ((busy.get(name) ?? -1) >= index || index >= scale.rounds - 2 || (!stall && !random.chance(scale.networkFaults))) continue;
      const kind = stall ? 'stall' : random.pick(['cut', 'cut', 'blackhole-lossy', 'blackhole-held'] as const);
      const until = index + random.int(1, 3);
      faults.push({ console: name, kind, direction: random.pick(['to-hub', 'to-client'] as const), until });
      busy.set(name, until);
      if (stall && index === lastStall) quiet = name;
    }
    const commands: CommandPlan[] = [];
    const budget = index === scale.rounds - 1 ? commandsLeft : Math.min(commandsLeft, Math.round((commandsLeft / left) * (0.5 + random.next())));
    let planned = 0;
    while (planned < budget) {
      const race = random.chance(0.3);
      const speaking = actors.filter((name) => name !== quiet);
      const consoles = race ? random.sample(speaking, random.int(2, Math.min(4, budget - planned >= 2 ? 4 : 1))) : [random.pick(speaking)];
      commands.push({
        consoles,
        alertPick: random.next(),
        typePicks: consoles.map(() => random.next()),
        careful: consoles.map(() => !race || random.chance(0.5)),
      });
      planned += consoles.length;
    }
    commandsLeft -= planned;
    rounds.push({
      hits,
      faults,
      restartHub: restarts.has(index),
      reloads: reloadRounds.filter((round) => round === index).map(() => random.pick(names)),
      commands,
      sync: random.chance(0.3),
    });
  }
  return rounds;
}

export async function runChaos(scale: ChaosScale, seed: number, backend: TestBackend, log: (line: string) => void): Promise<ChaosReport> {
  const random = seededRandom(seed);
  const rounds = planRounds(scale, random.fork('schedule'));
  const hub = await startChaosHub(backend);
  const answers = new Map<string, GivenCommand>();
  const onAnswer = (mutationId: string, ack: CommandAck) => answers.get(mutationId)?.answers.push(ack);
  const consoles: ChaosConsole[] = [];
  const problems: string[] = [];
  const faultsByKind: Record<string, number> = {};
  const count = (kind: string) => (faultsByKind[kind] = (faultsByKind[kind] ?? 0) + 1);
  const given: GivenCommand[] = [];
  const ingestor = createIngestor(random.fork('hits'), seed, scale.resend);
  let races = 0;
  const active = new Map<string, ActiveFault>();
  const started = Date.now();

  try {
    for (const spec of CONSOLES) consoles.push(await startConsole(hub, spec, random, scale.delivery, onAnswer));
    const byName = new Map(consoles.map((console) => [console.name, console]));
    const consoleOf = (name: string) => byName.get(name)!;

    const heal = (fault: NetworkFault) => {
      consoleOf(fault.console).proxy.restore();
      active.delete(fault.console);
    };

    /** The fault has done what it is there for: the console missed events, or a command's answer timed out. */
    const hasBitten = ({ fault, head, timedOut }: ActiveFault): boolean => {
      if (!hub.running) return true;
      const console = consoleOf(fault.console);
      const connection = console.session().store.getSnapshot().connection;
      const missed = hub.current().authority.cursor() > head;
      switch (fault.kind) {
        case 'cut':
          return missed && connection.kind === 'reconnecting' && connection.attempt >= 1;
        case 'stall':
          return console.tap.timedOut > timedOut || connection.kind !== 'live';
        default:
          return missed;
      }
    };

    const give = (console: ChaosConsole, alert: Alert, typePick: number, careful: boolean): boolean => {
      const command = chooseCommand(console.officer, alert, typePick, `chaos-${seed}-m${given.length + 1}`, careful, consoles);
      if (command === undefined) return false;
      const entry = console.give(command);
      given.push(entry);
      answers.set(command.mutationId, entry);
      return true;
    };

    /** Before a reload: what was given in this window is in the durable outbox or answered, as a real window would have it by then. */
    const settledLocally = async (console: ChaosConsole) => {
      const mine = given.filter((entry) => entry.console === console.name && entry.generation === console.generation);
      await waitUntil(
        async () => {
          const waiting = mine.filter((entry) => entry.resolved === undefined);
          if (waiting.length === 0) return true;
          const queued = new Set((await readCacheRows(console.station)).outbox);
          return waiting.every((entry) => queued.has(entry.command.mutationId));
        },
        `${console.name}'s commands to reach its outbox`,
        SETTLE_MS,
      );
    };

    for (const [index, round] of rounds.entries()) {
      for (const current of [...active.values()]) {
        if (current.fault.until > index) continue;
        await waitUntil(() => hasBitten(current), `the ${current.fault.kind} of ${current.fault.console} to bite`, SETTLE_MS);
        heal(current.fault);
      }
      for (const fault of round.faults) {
        const console = consoleOf(fault.console);
        if (fault.kind === 'cut') console.proxy.cut();
        else console.proxy.blackhole(fault.direction, { hold: fault.kind !== 'blackhole-lossy' });
        count(fault.kind === 'cut' ? 'cut' : `${fault.kind} ${fault.direction}`);
        active.set(fault.console, { fault, head: hub.running ? hub.current().authority.cursor() : 0, timedOut: console.tap.timedOut });
        if (fault.kind === 'cut') {
          await waitUntil(() => console.session().store.getSnapshot().connection.kind !== 'live', `${console.name} to notice the cut`, SETTLE_MS);
        }
        if (fault.kind === 'stall') {
          // Something must be in flight for its answer to time out.
          const [alert] = visibleAlerts(console, ingestor.hitIds).slice(-1);
          if (alert !== undefined) give(console, alert, 5.5 / 8, true);
        }
      }

      if (round.restartHub) {
        await hub.stop();
        count('hub restart');
        await waitUntil(
          () => consoles.every((console) => console.session().store.getSnapshot().connection.kind !== 'live'),
          'every console to notice the hub is gone',
          SETTLE_MS,
        );
      }

      for (const name of round.reloads) {
        const console = consoleOf(name);
        await settledLocally(console);
        const session = await console.reload();
        count('reload');
        const seeded = session.store.getSnapshot();
        if (!seeded.fromCache || seeded.through === 0) {
          problems.push(`round ${index}: ${name} reloaded without its cached picture (through ${seeded.through}, fromCache ${seeded.fromCache})`);
        }
      }

      // Commands first while the hub is down (they wait in the outboxes), after the hits otherwise.
      const giveRound = () => {
        for (const plan of round.commands) {
          const first = consoleOf(plan.consoles[0]!);
          const visible = visibleAlerts(first, ingestor.hitIds);
          if (visible.length === 0) continue;
          const pick = visible[visible.length - 1 - Math.floor(plan.alertPick ** 2 * Math.min(visible.length, 150))]!;
          let givenHere = 0;
          plan.consoles.forEach((name, at) => {
            const console = consoleOf(name);
            const alert = console.session().store.getSnapshot().state.alerts.get(pick.id);
            if (alert !== undefined && give(console, alert, plan.typePicks[at]!, plan.careful[at]!)) givenHere += 1;
          });
          if (givenHere > 1) races += 1;
        }
      };
      if (!hub.running) {
        giveRound();
        await hub.start();
        await ingestor.ingest(hub.current(), round.hits);
      } else {
        await ingestor.ingest(hub.current(), round.hits);
        giveRound();
      }

      // The pace: each round's hits reach a healthy console before the next round begins.
      const paceHead = hub.current().authority.cursor();
      await waitUntil(
        () => {
          const healthy = consoles.filter((console) => !active.has(console.name) && console.officer.scope === undefined);
          return healthy.length === 0 || healthy.some((console) => console.session().store.getSnapshot().through >= paceHead);
        },
        `round ${index}'s hits to reach a healthy console`,
        SETTLE_MS,
      );
      if (round.sync) {
        const head = hub.current().authority.cursor();
        await waitUntil(
          () =>
            consoles
              .filter((console) => !active.has(console.name) && console.officer.scope === undefined)
              .every((console) => console.session().store.getSnapshot().through >= head),
          `healthy consoles to catch up to ${head} in round ${index}`,
          SETTLE_MS,
        );
      }
      if (index % 10 === 9) log(`chaos: round ${index + 1}/${rounds.length}, ${ingestor.hitIds.length} hits, ${given.length} commands, ${Math.round((Date.now() - started) / 1000)} s`);
    }

    // Heal everything, then wait until every console is live, caught up, and has nothing pending.
    for (const current of [...active.values()]) {
      await waitUntil(() => hasBitten(current), `the ${current.fault.kind} of ${current.fault.console} to bite`, SETTLE_MS);
      heal(current.fault);
    }
    if (!hub.running) await hub.start();
    const running = hub.current();
    /** A final wait that fails is a finding, not the end: say what was still waiting and check the rest. */
    const settle = (predicate: () => boolean | Promise<boolean>, what: string, describe: () => string) =>
      waitUntil(predicate, what, SETTLE_MS).catch(() => void problems.push(`${what} did not happen: ${describe()}`));
    const stillWaiting = () =>
      [
        ...given.filter((entry) => entry.answers.length === 0).map((entry) => `${entry.command.mutationId} (${entry.command.type} by ${entry.console}) unanswered`),
        ...consoles.map((console) => {
          const snapshot = console.session().store.getSnapshot();
          const pending = [...snapshot.pending.values()].map((entry) => `${entry.command.mutationId} ${entry.stage}${entry.seq === undefined ? '' : ` seq ${entry.seq}`}`);
          return `${console.name}: ${snapshot.connection.kind}, through ${snapshot.through}, pending [${pending.join(', ')}]`;
        }),
        `hub head ${running.authority.cursor()}`,
      ].join('; ');
    await settle(
      () =>
        given.every((entry) => entry.answers.length > 0) &&
        consoles.every((console) => {
          const snapshot = console.session().store.getSnapshot();
          return snapshot.connection.kind === 'live' && snapshot.pending.size === 0 && (console.officer.scope !== undefined || snapshot.through >= running.authority.cursor());
        }),
      'every console to be live, caught up, with every command answered',
      stillWaiting,
    );
    await settle(
      async () => {
        for (const console of consoles) {
          const rows = await readCacheRows(console.station);
          if (rows.outbox.length > 0 || (rows.meta?.through ?? 0) < console.session().store.getSnapshot().through) return false;
        }
        return true;
      },
      'every cache to hold what its console shows, with an empty outbox',
      stillWaiting,
    );

    // The live pictures, compared with the hub's in one synchronous pass (the hub may append at any moment:
    // automatic escalations, checkpoint status), at a moment when every unscoped console is at the hub's head.
    // A scoped console is told only of what concerns it, so it may trail a little: differences count once
    // they have lasted until the deadline.
    let comparedAt = 0;
    let missing = 0;
    let doubled = 0;
    const deadline = Date.now() + SETTLE_MS;
    await waitUntil(
      () => {
        const head = running.authority.cursor();
        const unscoped = consoles.filter((console) => console.officer.scope === undefined);
        if (!unscoped.every((console) => console.session().store.getSnapshot().through === head)) return false;
        const state = running.authority.state();
        const found: string[] = [];
        let lacking = 0;
        let extra = 0;
        for (const console of consoles) {
          const snapshot = console.session().store.getSnapshot();
          const result = comparePictures(`${console.name} (live)`, snapshot.confirmed, pictureFor(console.officer, state));
          found.push(...result.differences.slice(0, 10));
          lacking += result.missingEvents;
          extra += result.doubledEvents;
          const rows = console.session().hits().length;
          if (rows !== snapshot.confirmed.alerts.size) {
            found.push(`${console.name}: the map holds ${rows} hits for ${snapshot.confirmed.alerts.size} alerts`);
            if (rows > snapshot.confirmed.alerts.size) extra += rows - snapshot.confirmed.alerts.size;
            else lacking += snapshot.confirmed.alerts.size - rows;
          }
        }
        if (found.length > 0 && Date.now() < deadline) return false;
        problems.push(...found);
        missing += lacking;
        doubled += extra;
        comparedAt = head;
        return true;
      },
      'a moment when every unscoped console is at the hub head',
      SETTLE_MS + 10_000,
    ).catch(() => void problems.push(`no moment came when every unscoped console was at the hub head: ${stillWaiting()}`));

    // The log is the truth: the hub's state must be its fold, every cache must hold it (as far as it got),
    // and every command must be in it exactly once or not at all.
    for (const console of consoles) console.session().close();
    const logged = await loggedEvents(running);
    const head = running.authority.cursor();
    if (logged.at(-1)?.seq !== head) problems.push(`the hub's cursor is ${head} but its log ends at ${logged.at(-1)?.seq}`);
    const seqs = logged.map((event) => event.seq);
    if (new Set(seqs).size !== seqs.length) problems.push('the hub log holds a seq twice');
    const foldedLog = foldEvents(EMPTY_OPS_STATE, logged);
    if (foldedLog.refused.length > 0) problems.push(`the reducer refuses ${foldedLog.refused.length} logged events, e.g. ${canonical(foldedLog.refused[0])}`);
    problems.push(...comparePictures('hub state vs its log', running.authority.state(), foldedLog.state).differences.slice(0, 10));

    for (const console of consoles) {
      const rows = await readCacheRows(console.station);
      const through = rows.meta?.through ?? 0;
      if (console.officer.scope === undefined && through < comparedAt) problems.push(`${console.name}'s cache stops at ${through}, before ${comparedAt}`);
      if (rows.outbox.length > 0) problems.push(`${console.name}'s outbox still holds ${rows.outbox.length} commands`);
      const upTo = logged.filter((event) => event.seq <= through);
      const expectedState = pictureFor(console.officer, foldEvents(EMPTY_OPS_STATE, upTo).state);
      // A picture built from the hub's snapshot has the log after the snapshot's seq; before it, only what replay kept.
      const from = rows.meta?.snapshotSeq ?? 0;
      const visible = visibleSeqs(console.officer, upTo, foldedLog.state);
      const heldBefore = new Set(rows.eventSeqs.filter((seq) => seq <= from));
      const expectedSeqs = visible.filter((seq) => seq > from || heldBefore.has(seq));
      const events = compareSeqs(rows.eventSeqs, expectedSeqs);
      missing += events.missing.length;
      doubled += events.extra.length;
      if (events.missing.length > 0) problems.push(`${console.name}'s cache lacks events ${events.missing.slice(0, 10).join(', ')}`);
      if (events.extra.length > 0) problems.push(`${console.name}'s cache holds events the hub did not send it: ${events.extra.slice(0, 10).join(', ')}`);
      const { cache } = await openLocalCache({ officerId: console.officer.id }, { indexedDB: console.station.indexedDB, IDBKeyRange, name: DEFAULT_CACHE_NAME });
      try {
        const picture = await cache.loadPicture();
        const result = comparePictures(`${console.name} (cache)`, picture.state, expectedState);
        problems.push(...result.differences.slice(0, 10));
        missing += result.missingEvents;
        doubled += result.doubledEvents;
        if (picture.hits.length !== picture.state.alerts.size) {
          problems.push(`${console.name}'s cached map holds ${picture.hits.length} hits for ${picture.state.alerts.size} alerts`);
        }
        if (picture.pending.length > 0) problems.push(`${console.name}'s cached outbox holds ${picture.pending.length} commands`);
      } finally {
        cache.close();
      }
    }

    const mutations = (await running.db.query<{ mutation_id: string; officer_id: string; seq: number }>('select mutation_id, officer_id, seq from mutations')).map(
      (row): MutationRow => ({ mutationId: row.mutation_id, officerId: row.officer_id, seq: Number(row.seq) }),
    );
    const audit = auditCommands(given, (name) => consoleOf(name).generation, mutations, logged, new Set(consoles.map((console) => console.officer.id)));
    problems.push(...audit.problems.slice(0, 20));
    missing += audit.unanswered;
    doubled += audit.appliedTwice;

    for (const console of consoles) {
      faultsByKind['duplicated batch'] = (faultsByKind['duplicated batch'] ?? 0) + console.tap.duplicated;
      faultsByKind['overlapping batch'] = (faultsByKind['overlapping batch'] ?? 0) + console.tap.overlapped;
      faultsByKind['late batch'] = (faultsByKind['late batch'] ?? 0) + console.tap.replayed;
    }
    faultsByKind['hit sent again'] = ingestor.resent;
    const faults = Object.values(faultsByKind).reduce((sum, value) => sum + value, 0);
    const n = (value: number) => value.toLocaleString('en-GB');
    const line =
      `chaos: seed ${seed} · ${n(logged.length)} events · ${n(given.length)} commands (${n(audit.applied)} applied, ${n(audit.refused)} refused) · ` +
      `${n(faults)} faults injected · ${n(missing)} lost · ${n(doubled)} duplicated`;
    return {
      seed,
      backend: hub.backend,
      events: logged.length,
      commands: given.length,
      applied: audit.applied,
      refused: audit.refused,
      faults,
      faultsByKind,
      races,
      lost: missing,
      duplicated: doubled,
      resentDuplicates: audit.resentDuplicates,
      refusalsByCode: audit.refusalsByCode,
      problems,
      line,
    };
  } finally {
    for (const console of consoles) console.close();
    await hub.dispose();
  }
}

/** Alerts the console shows, oldest first by the order the hits were raised. */
function visibleAlerts(console: ChaosConsole, hitIds: readonly string[]): Alert[] {
  const alerts = console.session().store.getSnapshot().state.alerts;
  return hitIds.flatMap((id) => alerts.get(id) ?? []);
}

function visibleSeqs(officer: Officer, events: readonly import('@watchfloor/shared').OpsEvent[], state: OpsState): number[] {
  return events.filter((event) => isVisibleTo(officer, event, state)).map((event) => event.seq);
}

const KINDS: readonly Command['type'][] = ['acknowledge', 'acknowledge', 'escalate', 'resolve', 'resolve', 'note', 'note', 'assign'];

/**
 * The command an officer gives on an alert: `typePick` chooses the kind; a careful officer gives only what
 * the screen allows (as the console greys out the rest) and falls back to a note, a racing one gives it
 * regardless of a screen that may be stale.
 */
function chooseCommand(
  officer: Officer,
  alert: Alert,
  typePick: number,
  mutationId: string,
  careful: boolean,
  consoles: readonly ChaosConsole[],
): Command | undefined {
  const first = Math.floor(typePick * KINDS.length);
  const assignee = consoles.find((console) => console.officer.role === 'duty-officer' && console.officer.id !== alert.holder?.id) ?? consoles[0]!;
  const build = (type: Command['type']): Command => {
    switch (type) {
      case 'acknowledge':
        return { type, alertId: alert.id, mutationId };
      case 'escalate':
        return { type, alertId: alert.id, mutationId, level: Math.min(3, alert.level + 1) as 1 | 2 | 3, reason: `chaos escalation [${mutationId}]` };
      case 'resolve':
        return { type, alertId: alert.id, mutationId, outcome: OUTCOMES[Math.floor(typePick * 97) % OUTCOMES.length]! };
      case 'note':
        return { type, alertId: alert.id, mutationId, text: `chaos note [${mutationId}]` };
      case 'assign':
        return { type, alertId: alert.id, mutationId, officerId: assignee.officer.id };
    }
  };
  for (let offset = 0; offset < KINDS.length; offset += 1) {
    const command = build(KINDS[(first + offset) % KINDS.length]!);
    if (!careful || authorize(officer, command, alert).ok) return command;
  }
  return undefined;
}
