import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EmbeddedHubError, startEmbeddedHub, type UtilityProcessLike } from './embedded-hub';

/** A stand-in for Electron's UtilityProcess: the test plays the hub's side of the conversation. */
function fakeUtilityProcess() {
  const events = new EventEmitter();
  const posted: unknown[] = [];
  let killed = 0;
  const child: UtilityProcessLike = {
    on: (event: string, listener: (...args: never[]) => void) => events.on(event, listener as (...args: unknown[]) => void),
    postMessage: (message) => void posted.push(message),
    kill: () => {
      killed += 1;
      return true;
    },
  };
  const fork = vi.fn((_path: string, _args: string[], _options: { serviceName: string }) => child);
  return {
    fork,
    posted,
    killed: () => killed,
    say: (message: unknown) => events.emit('message', message),
    exit: (code: number) => events.emit('exit', code),
  };
}

const log = () => ({ info: vi.fn(), warn: vi.fn(), error: vi.fn() });
const options = (extra: object = {}) => ({ entry: '/app/out/main/hub.js', dataDir: '/data/hub-data', log: log(), ...extra });

describe('embedded hub', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('given the hub reports ready, then start resolves with its loopback URL and the fork got the contract arguments', async () => {
    const hub = fakeUtilityProcess();
    const started = startEmbeddedHub(hub.fork, options());
    hub.say({ type: 'ready', url: 'http://127.0.0.1:41234/', hubId: 'hub-1' });
    await expect(started).resolves.toMatchObject({ url: 'http://127.0.0.1:41234', hubId: 'hub-1' });
    expect(hub.fork.mock.calls).toEqual([
      ['/app/out/main/hub.js', ['--data', '/data/hub-data', '--demo', '--port', '0'], { serviceName: 'Watchfloor hub' }],
    ]);
  });

  it("given the bureau's retention settings, then the hub is started with them", async () => {
    const hub = fakeUtilityProcess();
    const started = startEmbeddedHub(hub.fork, options({ retention: { eventDays: 7, subjectDays: 30 } }));
    hub.say({ type: 'ready', url: 'http://127.0.0.1:41234/', hubId: 'hub-1' });
    await started;
    expect(hub.fork.mock.calls[0]?.[1]).toEqual(['--data', '/data/hub-data', '--demo', '--port', '0', '--retention-days', '7', '--retention-subject-days', '30']);
  });

  it('given messages outside the contract, then they are ignored and the hub still starts', async () => {
    const hub = fakeUtilityProcess();
    const logger = log();
    const started = startEmbeddedHub(hub.fork, options({ log: logger }));
    hub.say({ type: 'ready', url: 'http://203.0.113.5:80', hubId: 'x' });
    hub.say('hello');
    hub.say({ type: 'ready', url: 'http://127.0.0.1:5000', hubId: 'hub-2' });
    await expect(started).resolves.toMatchObject({ url: 'http://127.0.0.1:5000' });
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });

  it('given the hub reports a fatal error while starting, then start rejects with its message and the process is killed', async () => {
    const hub = fakeUtilityProcess();
    const started = startEmbeddedHub(hub.fork, options());
    hub.say({ type: 'error', message: 'PGlite data folder is locked' });
    hub.exit(1);
    await expect(started).rejects.toThrow(new EmbeddedHubError('The embedded hub could not start: PGlite data folder is locked'));
    expect(hub.killed()).toBe(1);
  });

  it('given the hub dies before it is ready, then start rejects with the exit code', async () => {
    const hub = fakeUtilityProcess();
    const started = startEmbeddedHub(hub.fork, options());
    hub.exit(9);
    await expect(started).rejects.toThrow(/exited \(code 9\) before it was ready/);
  });

  it('given the hub stays silent, then start gives up after the timeout and kills it', async () => {
    const hub = fakeUtilityProcess();
    const started = startEmbeddedHub(hub.fork, options({ startTimeoutMs: 5_000 }));
    const outcome = expect(started).rejects.toThrow(/did not report ready within 5 s/);
    await vi.advanceTimersByTimeAsync(5_000);
    await outcome;
    expect(hub.killed()).toBe(1);
  });

  it('given a running hub, when stopped, then it is asked to stop and stop resolves when it exits', async () => {
    const hub = fakeUtilityProcess();
    const started = startEmbeddedHub(hub.fork, options());
    hub.say({ type: 'ready', url: 'http://127.0.0.1:4100', hubId: 'hub-1' });
    const running = await started;
    let stopped = false;
    const stopping = running.stop().then(() => (stopped = true));
    expect(hub.posted).toEqual([{ type: 'stop' }]);
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    hub.say({ type: 'stopped' });
    hub.exit(0);
    await stopping;
    expect(stopped).toBe(true);
    expect(hub.killed()).toBe(0);
    await running.stop();
    expect(hub.posted).toHaveLength(1);
  });

  it('given a hub that does not exit after the stop request, then it is killed after the stop timeout', async () => {
    const hub = fakeUtilityProcess();
    const started = startEmbeddedHub(hub.fork, options({ stopTimeoutMs: 2_000 }));
    hub.say({ type: 'ready', url: 'http://127.0.0.1:4100', hubId: 'hub-1' });
    const stopping = (await started).stop();
    await vi.advanceTimersByTimeAsync(2_000);
    await stopping;
    expect(hub.killed()).toBe(1);
  });

  it('given a running hub that dies unasked, then listeners hear a sentence for the officer; a requested stop is not reported', async () => {
    const hub = fakeUtilityProcess();
    const started = startEmbeddedHub(hub.fork, options());
    hub.say({ type: 'ready', url: 'http://127.0.0.1:4100', hubId: 'hub-1' });
    const running = await started;
    const reasons: string[] = [];
    running.onUnexpectedExit((reason) => reasons.push(reason));
    hub.say({ type: 'error', message: 'database corrupted' });
    hub.exit(3);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(/stopped unexpectedly \(exit code 3\): database corrupted\. Restart Watchfloor/);

    const other = fakeUtilityProcess();
    const second = startEmbeddedHub(other.fork, options());
    other.say({ type: 'ready', url: 'http://127.0.0.1:4101', hubId: 'hub-2' });
    const calm = await second;
    const heard: string[] = [];
    calm.onUnexpectedExit((reason) => heard.push(reason));
    const stopping = calm.stop();
    other.exit(0);
    await stopping;
    expect(heard).toEqual([]);
  });
});
