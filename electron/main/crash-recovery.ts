import { RECOVERED_QUERY } from '@watchfloor/shared';
import { isAppUrl } from './app-protocol';

/**
 * A renderer that crashes (or is killed by the OS for memory) is reloaded at once with `?recovered=1`, so
 * the console comes back by itself and tells the officer why it blinked. A renderer that crashes again and
 * again is not reloaded forever: after a few reloads within a minute the shell gives up and explains.
 */
export interface RenderProcessGoneDetailsLike {
  readonly reason: string;
  readonly exitCode: number;
}
export interface CrashableContents {
  on(event: 'render-process-gone', listener: (event: unknown, details: RenderProcessGoneDetailsLike) => void): unknown;
  getURL(): string;
  loadURL(url: string): Promise<void>;
}

export interface CrashRecoveryOptions {
  /** Where to go back to when the crashed page's URL is not the app's own. */
  readonly fallbackUrl: string;
  readonly now: () => number;
  readonly log: { warn(message: string): void; error(message: string): void };
  readonly onGiveUp: () => void;
  readonly maxReloads?: number;
  readonly periodMs?: number;
}

export function recoveryUrl(lastUrl: string, fallbackUrl: string): string {
  const url = new URL(isAppUrl(lastUrl) ? lastUrl : fallbackUrl);
  url.searchParams.set(RECOVERED_QUERY, '1');
  return url.toString();
}

export function recoverFromCrashes(contents: CrashableContents, options: CrashRecoveryOptions): void {
  const maxReloads = options.maxReloads ?? 3;
  const periodMs = options.periodMs ?? 60_000;
  let reloads: number[] = [];
  contents.on('render-process-gone', (_event, details) => {
    // A clean exit is the window closing, not a crash.
    if (details.reason === 'clean-exit') return;
    const now = options.now();
    reloads = reloads.filter((at) => now - at < periodMs);
    if (reloads.length >= maxReloads) {
      options.log.error(`renderer gone (${details.reason}, exit ${details.exitCode}) again; not reloading`);
      options.onGiveUp();
      return;
    }
    reloads.push(now);
    options.log.warn(`renderer gone (${details.reason}, exit ${details.exitCode}); reloading`);
    void contents.loadURL(recoveryUrl(contents.getURL(), options.fallbackUrl)).catch((error: unknown) => {
      options.log.error(`reload after crash failed: ${String(error)}`);
    });
  });
}
