import { fork } from 'node:child_process';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { SessionResponse } from '@watchfloor/shared';
import { Server as SocketServer } from 'socket.io';
import { BENCH_DATABASE, BENCH_INGEST_KEY, withBenchHub } from './bench-hub';
import type { LoadPlan, LoadResult } from './hub-load';
import type { Bench, Measurement } from './report';

/**
 * Ingest-to-client latency and sustained hits/s of a real hub (PGlite in a fresh directory, or
 * PostgreSQL in a fresh schema when WATCHFLOOR_BENCH_DATABASE_URL is set; the demo operation and
 * checkpoints, no simulated hits) with 50 signed-in, caught-up socket.io clients, side by side with a bare
 * socket.io server that broadcasts events of the same shape and size to 50 clients: the practical ceiling
 * of the transport on this machine.
 *
 * The clients and the HTTP load generator live in a child process (hub-load.ts), so the server under test
 * has one of the two cores to itself, as a deployed hub would, and client-side decoding of 100,000
 * events/s does not steal its event loop. Both servers face the very same child. Each server is measured at
 * the offered rate (2,000 hits/s for 10 s: latency, loss, sustained rate) and as fast as 128 requests in
 * flight allow (throughput).
 */
const CLIENTS = 50;
const RATE = 2_000;
const WINDOW_MS = 10_000;
const MAX_COUNT = 40_000;

const TEMPLATE = {
  operationId: 'op-harmattan',
  checkpointId: 'ng-los',
  // Screened as the bench starts: the hub refuses a time long before its operation (the demo starts now).
  at: Date.now(),
  source: 'sltd',
  score: 0.91,
  severity: 'high',
  summary: 'Passport reported stolen in FR, presented at Lagos Murtala Muhammed Intl Airport arrivals',
  recordOwner: 'FR',
  subject: { name: 'SIMULATED PERSON', documentNumber: 'X00000001', dateOfBirth: '1980-01-01' },
};

interface Run {
  readonly label: string;
  readonly paced: boolean;
  readonly result: LoadResult;
  readonly rate: number;
  readonly serverCpuMs: number;
}

type LoadMessage = { phase: 'load' } | { ok: true; result: LoadResult } | { ok: false; error: string };

/** Runs one load in a fresh child; `onLoad` fires when the clients are caught up and the load begins. */
function runLoad(plan: LoadPlan, onLoad: () => void): Promise<LoadResult> {
  const child = fork(fileURLToPath(new URL('./hub-load.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.on('message', (message: LoadMessage) => {
      if ('phase' in message) onLoad();
      else if (message.ok) resolve(message.result);
      else reject(new Error(message.error));
    });
    child.once('exit', (code) => code !== 0 && reject(new Error(`load generator exited with ${code}`)));
    child.send(plan);
  });
}

async function measure(label: string, plan: LoadPlan): Promise<Run> {
  let cpu = process.cpuUsage();
  const result = await runLoad(plan, () => (cpu = process.cpuUsage()));
  const used = process.cpuUsage(cpu);
  // Paced, the load is offered over a fixed window; the server achieved what it accepted in it. A hit the
  // in-flight cap kept from being sent in the window counts as not accepted.
  const rate = plan.rate === undefined ? (result.deliveredToAll / result.spanMs) * 1000 : (result.accepted / plan.maxMs) * 1000;
  return { label, paced: plan.rate !== undefined, result, rate, serverCpuMs: (used.user + used.system) / 1000 };
}

const atRate = (url: string, tokens: readonly string[]): LoadPlan => ({
  url,
  tokens,
  ingestKey: BENCH_INGEST_KEY,
  rate: RATE,
  count: (RATE * WINDOW_MS) / 1000,
  maxMs: WINDOW_MS,
  concurrency: 256,
  template: TEMPLATE,
});
const flatOut = (url: string, tokens: readonly string[]): LoadPlan => ({ ...atRate(url, tokens), rate: undefined, count: MAX_COUNT, concurrency: 128 });

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The ceiling: HTTP in, a hit.raised event of the hub's shape out to every /ops socket, no validation, no
 * database. Like the hub, it gathers the requests of one event-loop turn into one `events` batch.
 */
async function startBareServer(): Promise<{ url: string; close: () => Promise<void> }> {
  let seq = 0;
  let pending: { event: unknown; respond: () => void }[] = [];
  const http = createServer((request, response) => {
    void readBody(request).then((text) => {
      const body = JSON.parse(text) as typeof TEMPLATE & { externalId: string };
      const hitId = `hit-${body.externalId}`;
      const event = {
        type: 'hit.raised',
        hit: { id: hitId, operationId: body.operationId, checkpointId: body.checkpointId, country: 'NG', at: body.at, lon: 3.3212, lat: 6.5774, source: body.source, score: body.score, severity: body.severity, recordOwner: body.recordOwner, summary: body.summary, subjectRef: `subj-${body.externalId}` },
      };
      if (pending.length === 0) setImmediate(flush);
      pending.push({
        event,
        respond: () => {
          const answer = JSON.stringify({ hitId, seq });
          response.writeHead(201, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(answer) }).end(answer);
        },
      });
    });
  });
  const io = new SocketServer(http, { transports: ['websocket'], serveClient: false });
  const ops = io.of('/ops');
  ops.on('connection', (socket) => socket.emit('ready'));
  function flush(): void {
    const batch = pending;
    pending = [];
    const after = seq;
    const events = batch.map(({ event }) => ({ seq: ++seq, at: Date.now(), ...(event as object) }));
    ops.emit('events', events, { after, through: seq });
    for (const item of batch) item.respond();
  }
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return { url, close: () => new Promise((resolve) => io.close(() => resolve())) };
}

export const bench: Bench = {
  name: `hub-ingest: ${RATE.toLocaleString('en')} hits/s over HTTP to ${CLIENTS} socket.io clients, hub on ${BENCH_DATABASE} vs bare socket.io`,
  async run() {
    const runs: Run[] = [];
    await withBenchHub('ingest', async (hub) => {
      const users = ['duty', 'lead', 'wall', 'admin'];
      const signed = await Promise.all(
        users.map(async (username) => {
          const response = await fetch(`${hub.url}/api/v1/session`, { method: 'POST', body: JSON.stringify({ username, password: username }) });
          return SessionResponse.parse(await response.json()).token;
        }),
      );
      const tokens = Array.from({ length: CLIENTS }, (_, index) => signed[index % signed.length]!);
      runs.push(await measure('hub, as fast as possible', flatOut(hub.url, tokens)));
      runs.push(await measure('hub, offered 2,000/s', atRate(hub.url, tokens)));
    });
    const bare = await startBareServer();
    try {
      const tokens = Array.from({ length: CLIENTS }, () => 'none');
      runs.push(await measure('bare socket.io, as fast as possible', flatOut(bare.url, tokens)));
      runs.push(await measure('bare socket.io, offered 2,000/s', atRate(bare.url, tokens)));
    } finally {
      await bare.close();
    }

    const measurements: Measurement[] = runs.flatMap(({ label, paced, result, rate, serverCpuMs }) => [
      paced
        ? { label: `${label}: hits accepted per s of the offered window`, value: rate, unit: 'hits/s' }
        : { label: `${label}: hits delivered to all ${CLIENTS} clients per s`, value: rate, unit: 'hits/s' },
      { label: `${label}: ingest-to-client latency p50`, value: result.p50, unit: 'ms' },
      { label: `${label}: ingest-to-client latency p99`, value: result.p99, unit: 'ms' },
      { label: `${label}: latency max`, value: result.max, unit: 'ms' },
      { label: `${label}: POST answered p99`, value: result.answerP99, unit: 'ms' },
      ...(paced ? [{ label: `${label}: most a hit was sent behind schedule`, value: result.maxLagMs, unit: 'ms' }] : []),
      { label: `${label}: accepted (201) / sent`, value: result.accepted / Math.max(1, result.sent), unit: 'ratio' },
      { label: `${label}: accepted but not delivered to all (lost)`, value: result.lost, unit: 'hits' },
      { label: `${label}: server CPU per delivered hit`, value: (serverCpuMs * 1000) / Math.max(1, result.deliveredToAll), unit: 'µs' },
    ]);
    const [hubMax, hubRate, bareMax] = runs as [Run, Run, Run, Run];
    const share = hubMax.rate / bareMax.rate;
    const lost = hubRate.result.lost + hubMax.result.lost;
    return {
      name: bench.name,
      measurements,
      verdicts: [
        {
          target: `hub sustains ${RATE.toLocaleString('en')} hits/s to ${CLIENTS} clients (offered for ${WINDOW_MS / 1000} s)`,
          measured: `${hubRate.rate.toFixed(0)} hits/s`,
          pass: hubRate.rate >= RATE,
        },
        { target: 'hub ingest-to-client p99 under 250 ms at that rate', measured: `${hubRate.result.p99.toFixed(1)} ms`, pass: hubRate.result.p99 < 250 },
        { target: 'hub throughput at least half the bare socket.io ceiling', measured: `${(share * 100).toFixed(0)}% (${hubMax.rate.toFixed(0)} vs ${bareMax.rate.toFixed(0)} hits/s)`, pass: share >= 0.5 },
        { target: 'zero lost: every hit answered 201 reaches every client', measured: `${lost} lost`, pass: lost === 0 && hubRate.result.failed + hubMax.result.failed === 0 },
      ],
    };
  },
};
