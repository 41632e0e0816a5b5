import {
  EMBEDDED_HUB_SERVICE_NAME,
  EmbeddedHubMessage,
  embeddedHubArgs,
  type EmbeddedHubCommand,
  type EmbeddedHubPolicy,
  type RetentionPolicy,
} from '@watchfloor/shared';

/**
 * Runs the coordination hub inside the desktop app when the bureau config names no hub (or "demo"): a
 * utility process (not `child_process.fork`, which needs the RunAsNode fuse we turn off) with PGlite in the
 * user-data folder and the simulated operation. Start waits for the hub to say where it listens; stop asks
 * it to finish and exit, and kills it if it does not.
 */
export interface UtilityProcessLike {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  postMessage(message: EmbeddedHubCommand): void;
  kill(): boolean;
}
export type ForkUtilityProcess = (
  modulePath: string,
  args: string[],
  options: { serviceName: string },
) => UtilityProcessLike;

export interface EmbeddedHubLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface EmbeddedHubOptions {
  /** Path of the built hub entry, `out/main/hub.js`. */
  readonly entry: string;
  /** Folder for the hub's PGlite database, under the user-data folder. */
  readonly dataDir: string;
  /** The bureau's retention settings; those left out keep the hub's defaults. */
  readonly retention?: Partial<RetentionPolicy>;
  /** The bureau's reveal purposes and handling label; absent ones keep the hub's defaults. */
  readonly policy?: EmbeddedHubPolicy;
  readonly startTimeoutMs?: number;
  readonly stopTimeoutMs?: number;
  readonly log: EmbeddedHubLog;
}

export interface EmbeddedHub {
  readonly url: string;
  readonly hubId: string;
  /** Resolves once the process has exited; safe to call more than once. */
  stop(): Promise<void>;
  /** Called with a sentence for the officer when the hub dies without being asked to stop. */
  onUnexpectedExit(listener: (reason: string) => void): void;
}

export class EmbeddedHubError extends Error {
  override readonly name = 'EmbeddedHubError';
}

export const DEFAULT_HUB_START_TIMEOUT_MS = 30_000;
export const DEFAULT_HUB_STOP_TIMEOUT_MS = 10_000;

export function startEmbeddedHub(fork: ForkUtilityProcess, options: EmbeddedHubOptions): Promise<EmbeddedHub> {
  const { log } = options;
  const startTimeoutMs = options.startTimeoutMs ?? DEFAULT_HUB_START_TIMEOUT_MS;
  const stopTimeoutMs = options.stopTimeoutMs ?? DEFAULT_HUB_STOP_TIMEOUT_MS;
  const child = fork(options.entry, embeddedHubArgs(options.dataDir, options.retention, options.policy), { serviceName: EMBEDDED_HUB_SERVICE_NAME });

  let exited: number | undefined;
  let stopping: Promise<void> | undefined;
  const exitWaiters: Array<() => void> = [];
  const unexpectedExitListeners: Array<(reason: string) => void> = [];
  let lastError: string | undefined;

  return new Promise<EmbeddedHub>((resolve, reject) => {
    let started = false;
    let failed = false;
    const fail = (message: string) => {
      if (failed) return;
      failed = true;
      clearTimeout(startTimer);
      if (exited === undefined) child.kill();
      log.error(message);
      reject(new EmbeddedHubError(message));
    };
    const startTimer = setTimeout(
      () => fail(`The embedded hub did not report ready within ${Math.round(startTimeoutMs / 1000)} s and was stopped.`),
      startTimeoutMs,
    );

    child.on('message', (raw) => {
      const parsed = EmbeddedHubMessage.safeParse(raw);
      if (!parsed.success) {
        log.warn(`embedded hub sent an unexpected message; ignored`);
        return;
      }
      const message = parsed.data;
      if (message.type === 'ready' && !started) {
        started = true;
        clearTimeout(startTimer);
        log.info(`embedded hub ${message.hubId} listening on ${message.url}`);
        resolve(hub(message.url, message.hubId));
      } else if (message.type === 'error') {
        lastError = message.message;
        if (started) log.error(`embedded hub reported a fatal error: ${message.message}`);
        else fail(`The embedded hub could not start: ${message.message}`);
      } else if (message.type === 'stopped') {
        log.info('embedded hub stopped');
      }
    });

    child.on('exit', (code) => {
      exited = code;
      for (const waiter of exitWaiters.splice(0)) waiter();
      if (!started) {
        fail(`The embedded hub exited (code ${code}) before it was ready${lastError ? `: ${lastError}` : '.'}`);
      } else if (stopping === undefined) {
        const reason =
          `The embedded demo hub stopped unexpectedly (exit code ${code})` +
          `${lastError ? `: ${lastError}` : ''}. Restart Watchfloor to start it again; the logs are in Help > Open logs folder.`;
        log.error(reason);
        for (const listener of unexpectedExitListeners) listener(reason);
      }
    });
  });

  function hub(url: string, hubId: string): EmbeddedHub {
    return {
      url: url.replace(/\/$/, ''),
      hubId,
      onUnexpectedExit: (listener) => void unexpectedExitListeners.push(listener),
      stop() {
        stopping ??= new Promise<void>((done) => {
          if (exited !== undefined) return done();
          const timer = setTimeout(() => {
            log.warn(`embedded hub did not exit within ${Math.round(stopTimeoutMs / 1000)} s of the stop request; killed`);
            child.kill();
            done();
          }, stopTimeoutMs);
          exitWaiters.push(() => {
            clearTimeout(timer);
            done();
          });
          child.postMessage({ type: 'stop' });
        });
        return stopping;
      },
    };
  }
}
