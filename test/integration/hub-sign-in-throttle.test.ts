import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword, type RunningHub } from '../../hub/src/index';
import { signIn, startTestHub } from '../support/hub';

/**
 * Sign-in resists guessing: wrong passwords are throttled per account and per source address before any
 * password is hashed, other officers still sign in, and every failure is logged with its address.
 */
interface Attempt {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly body: any;
}

async function attempt(hub: RunningHub, username: string, password: string, headers: Record<string, string> = {}): Promise<Attempt> {
  const response = await fetch(`${hub.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ username, password }),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
}

function capturedLog() {
  const lines: any[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, log: pino({ level: 'debug' }, stream) };
}

let hub: RunningHub | undefined;
afterEach(async () => {
  await hub?.stop();
  hub = undefined;
});

// Every wrong password here is a real scrypt hashing, which takes long on a busy two-core machine.
describe('sign-in throttling', { timeout: 90_000 }, () => {
  it('given five wrong passwords for an account, when a sixth comes, then it is answered 429 with Retry-After and retryAfterMs, even with the right password', async () => {
    hub = await startTestHub({ demo: true, rate: 0 });
    for (let guess = 0; guess < 5; guess++) expect((await attempt(hub, 'duty', `guess-${guess}`)).status).toBe(401);
    const sixth = await attempt(hub, 'duty', 'duty');
    expect(sixth.status).toBe(429);
    expect(sixth.retryAfter).toBe('1');
    expect(sixth.body).toMatchObject({ error: 'rate-limited', message: expect.stringMatching(/Too many sign-in attempts/) });
    expect(sixth.body.retryAfterMs).toBeGreaterThan(0);
    expect(sixth.body.retryAfterMs).toBeLessThanOrEqual(1000);
  });

  it('given a throttled account under a flood of guesses, then they are turned away without hashing, and another officer signs in meanwhile', async () => {
    hub = await startTestHub({ demo: true, rate: 0 });
    const started = performance.now();
    await hashPassword('one hashing, to know what it costs here');
    const hashingMs = performance.now() - started;
    for (let guess = 0; guess < 5; guess++) await attempt(hub, 'duty', `guess-${guess}`);

    const flood = performance.now();
    const [answers, lead] = await Promise.all([
      Promise.all(Array.from({ length: 40 }, (_, index) => attempt(hub!, 'duty', `flood-${index}`))),
      signIn(hub, 'lead'),
    ]);
    const floodMs = performance.now() - flood;

    expect(answers.map((answer) => answer.status)).toEqual(Array(40).fill(429));
    expect(lead.officer.id).toBe('off-lead');
    // Forty hashings two at a time would take twenty hashing times; the flood took a few at most.
    expect(floodMs).toBeLessThan(hashingMs * 8);
  });

  it('given four failures, when the right password is given, then the account starts again: two more typos are not throttled', async () => {
    hub = await startTestHub({ demo: true, rate: 0 });
    for (let guess = 0; guess < 4; guess++) await attempt(hub, 'duty', `typo-${guess}`);
    expect((await attempt(hub, 'duty', 'duty')).status).toBe(200);
    // Without the reset the first of these would be the fifth failure, and the second would have to wait.
    const after = [];
    for (let guess = 0; guess < 2; guess++) after.push((await attempt(hub, 'duty', `typo-${guess}`)).status);
    expect(after).toEqual([401, 401]);
  });

  it('given wrong passwords, then each is logged with the address it came from', async () => {
    const { lines, log } = capturedLog();
    hub = await startTestHub({ demo: true, rate: 0, hooks: { log } });
    await attempt(hub, 'duty', 'wrong');
    await attempt(hub, 'nobody', 'wrong');
    const refused = lines.filter((line) => line.msg === 'sign-in refused');
    expect(refused.map(({ username, address, accountFailures }) => ({ username, address, accountFailures }))).toEqual([
      { username: 'duty', address: '127.0.0.1', accountFailures: 1 },
      { username: 'nobody', address: '127.0.0.1', accountFailures: 1 },
    ]);
  });

  it('given --trust-proxy, then the client address the proxy appended is the one logged, not the proxy or what the client claimed', async () => {
    const { lines, log } = capturedLog();
    hub = await startTestHub({ demo: true, rate: 0, trustProxy: true, hooks: { log } });
    await attempt(hub, 'duty', 'wrong', { 'X-Forwarded-For': '198.51.100.1, 203.0.113.5' });
    expect(lines.find((line) => line.msg === 'sign-in refused')).toMatchObject({ username: 'duty', address: '203.0.113.5' });
  });

  it('given no --trust-proxy, then X-Forwarded-For does not buy a fresh address', async () => {
    hub = await startTestHub({ demo: true, rate: 0 });
    for (let guess = 0; guess < 5; guess++) await attempt(hub, 'duty', `guess-${guess}`, { 'X-Forwarded-For': `203.0.113.${guess}` });
    expect((await attempt(hub, 'duty', 'duty', { 'X-Forwarded-For': '203.0.113.99' })).status).toBe(429);
  });
});
