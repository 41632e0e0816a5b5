import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { postHit } from './post-hit';

/**
 * The load side of the hub-ingest bench, run in a child process so the hub (or the bare socket.io server)
 * has the parent's event loop and core to itself: 50 socket.io clients on /ops and an HTTP load generator
 * POSTing hits. Send and arrival times come from this one process's clock, so latency needs no clock sync.
 * The parent sends a LoadPlan over IPC and gets a LoadResult back.
 */
export interface LoadPlan {
  readonly url: string;
  readonly tokens: readonly string[];
  readonly ingestKey: string;
  /** Hits per second to offer, or undefined for as fast as `concurrency` allows. */
  readonly rate: number | undefined;
  readonly count: number;
  /** When offering ends: no hit is sent after it (paced: hits scheduled before it that fit are sent). */
  readonly maxMs: number;
  readonly concurrency: number;
  /** The hit body; each request gets its own externalId and a summary starting `Bench hit <pid>-<index>`. */
  readonly template: Record<string, unknown>;
}

export interface LoadResult {
  readonly sent: number;
  readonly accepted: number;
  readonly refused: number;
  readonly failed: number;
  readonly deliveredToAll: number;
  readonly lost: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** POST to its HTTP answer (the hub has committed the hit by then). */
  readonly answerP50: number;
  readonly answerP99: number;
  /** Paced: the most any hit was sent after its scheduled time (the in-flight cap held it back). */
  readonly maxLagMs: number;
  readonly sendMs: number;
  /** From the first send to the last arrival of a hit at the last of the clients. */
  readonly spanMs: number;
}

process.on('message', (message: LoadPlan) => {
  void run(message).then(
    (result) => process.send?.({ ok: true, result }, () => process.exit(0)),
    (error: unknown) => process.send?.({ ok: false, error: String((error as Error).stack ?? error) }, () => process.exit(1)),
  );
});

async function run(plan: LoadPlan): Promise<LoadResult> {
  // Tagged with this run, so hits of an earlier run that arrive in catch-up are not counted.
  const summary = new RegExp(`^Bench hit ${process.pid}-(\\d+) `);
  const sentAt = new Float64Array(plan.count).fill(Number.NaN);
  const accepted = new Uint8Array(plan.count);
  const arrivals = new Uint8Array(plan.count);
  const latencies = new Float64Array(plan.count * plan.tokens.length);
  let latencyCount = 0;
  let lastArrival = 0;

  const sockets = await Promise.all(
    plan.tokens.map(
      (token) =>
        new Promise<Socket>((resolve, reject) => {
          const socket = io(`${plan.url}/ops`, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
          let head = Number.POSITIVE_INFINITY;
          socket.on('hello', (hello: { headSeq: number }) => (head = hello.headSeq));
          socket.on('events', (batch: { type: string; hit?: { summary: string } }[], range?: { through: number }) => {
            const now = performance.now();
            for (const event of batch) {
              if (event.type !== 'hit.raised') continue;
              const match = summary.exec(event.hit!.summary);
              if (match === null) continue;
              const index = Number(match[1]);
              arrivals[index]! += 1;
              latencies[latencyCount++] = now - sentAt[index]!;
              lastArrival = now;
            }
            if (range !== undefined && range.through >= head) resolve(socket);
          });
          // The bare server has no log to catch up with: connected is caught up.
          socket.on('ready', () => resolve(socket));
          socket.once('connect_error', reject);
        }),
    ),
  );

  const agent = new Agent({ keepAlive: true, maxSockets: plan.concurrency });
  const post = (index: number): Promise<number> => {
    const body = JSON.stringify({ ...plan.template, externalId: `bench-${process.pid}-${index}`, summary: `Bench hit ${process.pid}-${index} ${plan.template.summary as string}` });
    sentAt[index] = performance.now();
    return postHit(agent, plan.url, plan.ingestKey, body);
  };

  // Tell the parent the load starts now, so its CPU measurement leaves out the clients' catch-up.
  await new Promise<void>((resolve) => process.send!({ phase: 'load' }, () => resolve()));
  const paced = plan.rate !== undefined;
  const interval = paced ? 1000 / plan.rate! : 0;
  const acceptMs = new Float64Array(plan.count);
  let sent = 0;
  let inFlight = 0;
  let refused = 0;
  let failed = 0;
  let maxLagMs = 0;
  let offering = true;
  /** Paced: hits are due that the in-flight cap holds back; responses pump instead of the timer. */
  let held = false;
  const started = performance.now();
  await new Promise<void>((done) => {
    const send = (index: number) => {
      inFlight += 1;
      const postedAt = performance.now();
      if (paced) maxLagMs = Math.max(maxLagMs, postedAt - started - index * interval);
      void post(index).then((status) => {
        inFlight -= 1;
        acceptMs[index] = performance.now() - postedAt;
        if (status === 201 || status === 200) accepted[index] = 1;
        else if (status === 0) failed += 1;
        else refused += 1;
        if (offering && (!paced || held)) pump();
        else if (!offering && inFlight === 0) done();
      });
    };
    // Hit i is due `i * interval` after the start: an absolute schedule, so a late timer is made up by
    // sending what fell due meanwhile instead of pushing every later hit back. Only the in-flight cap holds
    // hits back, and that counts against the server: a hit still held when the window closes is not sent.
    const pump = () => {
      const elapsed = performance.now() - started;
      const closing = elapsed >= plan.maxMs;
      const due = paced ? Math.min(plan.count, Math.floor(elapsed / interval) + 1) : closing ? sent : plan.count;
      while (sent < due && inFlight < plan.concurrency) send(sent++);
      if (closing || sent >= plan.count) offering = false;
      if (!offering) {
        if (inFlight === 0) done();
        return;
      }
      held = sent < due;
      if (paced && !held) setTimeout(pump, Math.max(0, sent * interval - (performance.now() - started)));
    };
    pump();
  });
  const sendMs = performance.now() - started;

  const wanted = plan.tokens.length;
  const everyoneHasAll = () => {
    for (let index = 0; index < sent; index += 1) if (accepted[index] === 1 && arrivals[index]! < wanted) return false;
    return true;
  };
  const graceUntil = performance.now() + 15_000;
  while (!everyoneHasAll() && performance.now() < graceUntil) await new Promise((resolve) => setTimeout(resolve, 20));
  for (const socket of sockets) socket.close();
  agent.destroy();

  let deliveredToAll = 0;
  let acceptedCount = 0;
  for (let index = 0; index < sent; index += 1) {
    if (accepted[index] !== 1) continue;
    acceptedCount += 1;
    if (arrivals[index]! >= wanted) deliveredToAll += 1;
  }
  const percentile = (values: Float64Array) => {
    const sorted = values.sort();
    return (p: number) => (sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!);
  };
  const at = percentile(latencies.slice(0, latencyCount));
  const answered = percentile(acceptMs.slice(0, sent));
  return {
    sent,
    accepted: acceptedCount,
    refused,
    failed,
    deliveredToAll,
    lost: acceptedCount - deliveredToAll,
    p50: at(0.5),
    p99: at(0.99),
    max: at(1),
    answerP50: answered(0.5),
    answerP99: answered(0.99),
    maxLagMs,
    sendMs,
    spanMs: lastArrival - started,
  };
}
