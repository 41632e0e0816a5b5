import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { postHit } from './post-hit';

/**
 * The load side of the hub-flood bench, run in child processes so neither the feeder's clock nor the
 * flood's socket work shares the hub's event loop. One child plays one part:
 * - `feeder`: a checkpoint system POSTing hits one after another for `durationMs`; reports each POST's
 *   time to its answer (the hub has committed the hit by then).
 * - `flood`: a read-only observer on /ops keeping `commandsInFlight` commands (refused: observers may not
 *   act) and `historyInFlight` full-size history pages in flight until the parent says stop, reconnecting
 *   when disconnected; reports what the hub answered.
 */
export type FloodPlan =
  | { readonly role: 'feeder'; readonly url: string; readonly ingestKey: string; readonly durationMs: number; readonly template: Record<string, unknown> }
  | {
      readonly role: 'flood';
      readonly url: string;
      readonly token: string;
      readonly alertIds: readonly string[];
      readonly commandsInFlight: number;
      readonly historyInFlight: number;
      readonly historyLimit: number;
    };

export interface FeederResult {
  readonly posts: number;
  readonly failed: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

export interface FloodResult {
  readonly commands: number;
  /** Commands answered, by refusal code (or `ok`). */
  readonly commandAnswers: Readonly<Record<string, number>>;
  readonly historyPages: number;
  readonly historyEvents: number;
  /** History requests answered with an error, by error code. */
  readonly historyErrors: Readonly<Record<string, number>>;
  /** Times the hub disconnected the flood (it reconnects each time). */
  readonly disconnects: number;
}

export type FloodMessage =
  | { readonly phase: 'flooding' }
  | { readonly ok: true; readonly result: FeederResult | FloodResult }
  | { readonly ok: false; readonly error: string };

let stopFlood: (() => void) | undefined;

process.on('message', (message: FloodPlan | { readonly stop: true }) => {
  if ('stop' in message) return stopFlood?.();
  const work = message.role === 'feeder' ? feed(message) : flood(message);
  void work.then(
    (result) => process.send?.({ ok: true, result }, () => process.exit(0)),
    (error: unknown) => process.send?.({ ok: false, error: String((error as Error).stack ?? error) }, () => process.exit(1)),
  );
});

async function feed(plan: Extract<FloodPlan, { role: 'feeder' }>): Promise<FeederResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const post = (index: number): Promise<number> =>
    postHit(agent, plan.url, plan.ingestKey, JSON.stringify({ ...plan.template, at: Date.now(), externalId: `flood-feeder-${process.pid}-${index}` }));
  const latencies: number[] = [];
  let failed = 0;
  const started = performance.now();
  while (performance.now() - started < plan.durationMs) {
    const postedAt = performance.now();
    const status = await post(latencies.length + failed);
    if (status === 201 || status === 200) latencies.push(performance.now() - postedAt);
    else failed += 1;
  }
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (p: number) => (latencies.length === 0 ? Number.NaN : latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)]!);
  return { posts: latencies.length, failed, p50: at(0.5), p95: at(0.95), max: at(1) };
}

async function flood(plan: Extract<FloodPlan, { role: 'flood' }>): Promise<FloodResult> {
  // Reconnects as a console would when the hub disconnects it, and floods again.
  const socket: Socket = await new Promise((resolve, reject) => {
    const connecting = io(`${plan.url}/ops`, { transports: ['websocket'], auth: { token: plan.token }, forceNew: true });
    connecting.once('hello', () => resolve(connecting));
    connecting.once('connect_error', reject);
  });
  const commandAnswers: Record<string, number> = {};
  const historyErrors: Record<string, number> = {};
  const count = (counts: Record<string, number>, code: string, by = 1) => (counts[code] = (counts[code] ?? 0) + by);
  let commands = 0;
  let historyPages = 0;
  let historyEvents = 0;
  let disconnects = 0;
  let stopped = false;
  /** Requests in flight on the current connection; those of a lost one are counted as unanswered. */
  let commandsInFlight = 0;
  let historyInFlight = 0;
  let connection = 0;
  let told = false;
  await new Promise<void>((resolve) => {
    const settle = () => stopped && commandsInFlight + historyInFlight === 0 && resolve();
    stopFlood = () => {
      stopped = true;
      settle();
    };
    const command = (on: number) => {
      if (stopped || on !== connection || !socket.connected) return;
      commandsInFlight += 1;
      commands += 1;
      const alertId = plan.alertIds[commands % plan.alertIds.length]!;
      const payload = { type: 'acknowledge', alertId, mutationId: `flood-${process.pid}-${commands}` };
      socket.emit('command', payload, (ack: { ok: boolean; code?: string } | undefined) => {
        if (on !== connection) return;
        commandsInFlight -= 1;
        count(commandAnswers, ack?.ok === true ? 'ok' : (ack?.code ?? 'unknown'));
        if (!told) process.send?.({ phase: 'flooding' });
        told = true;
        settle();
        command(on);
      });
    };
    const history = (on: number) => {
      if (stopped || on !== connection || !socket.connected) return;
      historyInFlight += 1;
      socket.emit('history', { fromSeq: 1, limit: plan.historyLimit }, (answer: { events?: unknown[]; error?: string } | undefined) => {
        if (on !== connection) return;
        historyInFlight -= 1;
        if (answer?.events !== undefined) {
          historyPages += 1;
          historyEvents += answer.events.length;
        } else count(historyErrors, answer?.error ?? 'unknown');
        settle();
        history(on);
      });
    };
    const start = () => {
      for (let i = 0; i < plan.commandsInFlight; i += 1) command(connection);
      for (let i = 0; i < plan.historyInFlight; i += 1) history(connection);
    };
    socket.on('disconnect', () => {
      disconnects += 1;
      connection += 1;
      count(commandAnswers, 'lost to a disconnect', commandsInFlight);
      count(historyErrors, 'lost to a disconnect', historyInFlight);
      commandsInFlight = 0;
      historyInFlight = 0;
      settle();
      // Disconnected by the hub, socket.io does not reconnect by itself: do it after a second, as a console.
      if (!stopped) setTimeout(() => socket.connect(), 1000);
    });
    socket.on('hello', start);
    start();
  });
  socket.close();
  return { commands, commandAnswers, historyPages, historyEvents, historyErrors, disconnects };
}
