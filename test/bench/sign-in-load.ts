import { Agent, request } from 'node:http';

/**
 * The attacker of the sign-in bench, in a child process so its requests do not share the hub's event loop:
 * wrong passwords for one account at a steady rate, from its own loopback address (127.0.0.2), until the
 * parent says stop. Reports what the hub answered.
 */
export interface GuessPlan {
  readonly url: string;
  readonly username: string;
  readonly perSecond: number;
}

export interface GuessResult {
  readonly sent: number;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly seconds: number;
}

export type GuessMessage = { readonly guessing: true } | { readonly ok: true; readonly result: GuessResult } | { readonly ok: false; readonly error: string };

const SOURCE_ADDRESS = '127.0.0.2';
const MAX_IN_FLIGHT = 500;

process.on('message', (message: GuessPlan | { stop: true }) => {
  if ('stop' in message) return stop?.();
  run(message);
});

let stop: (() => void) | undefined;

function run(plan: GuessPlan): void {
  const target = new URL('/api/v1/session', plan.url);
  const agent = new Agent({ keepAlive: true, maxSockets: MAX_IN_FLIGHT });
  const byStatus: Record<string, number> = {};
  let sent = 0;
  let inFlight = 0;
  const started = performance.now();
  const guess = () => {
    const body = JSON.stringify({ username: plan.username, password: `guess-${sent}` });
    sent += 1;
    inFlight += 1;
    const finish = (status: string) => {
      inFlight -= 1;
      byStatus[status] = (byStatus[status] ?? 0) + 1;
    };
    const outgoing = request(
      target,
      { method: 'POST', agent, localAddress: SOURCE_ADDRESS, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
      (response) => {
        response.resume();
        response.on('end', () => finish(String(response.statusCode)));
      },
    );
    outgoing.on('error', (error) => finish(`error ${(error as NodeJS.ErrnoException).code ?? error.message}`));
    outgoing.end(body);
  };
  // Paced by the clock, not by the timer, which runs late on a busy machine: each tick sends what is due.
  const timer = setInterval(() => {
    const due = Math.floor(((performance.now() - started) / 1000) * plan.perSecond);
    while (sent < due && inFlight < MAX_IN_FLIGHT) guess();
  }, 10);
  process.send?.({ guessing: true } satisfies GuessMessage);
  stop = () => {
    clearInterval(timer);
    const result: GuessResult = { sent, byStatus, seconds: (performance.now() - started) / 1000 };
    agent.destroy();
    process.send?.({ ok: true, result } satisfies GuessMessage, () => process.exit(0));
  };
}
