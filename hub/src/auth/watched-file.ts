import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';

/**
 * Follows a file the hub reads at start (the users file) so changes apply without a restart. A change is
 * noticed by watching the file's folder (an editor or `mv` replaces the file, which a watch on the file
 * itself would miss), settled for a moment so a half-written file is not read, and by a periodic look at
 * the file's inode, size and time, for file systems where watching reports nothing. One reload runs at a
 * time; a change during one reloads once more after it.
 */
export interface FollowedFile {
  close(): void;
}

export interface FollowOptions {
  readonly file: string;
  /** Reads and applies the file; it reports its own failures. */
  readonly reload: () => Promise<void>;
  readonly log: Logger;
  /** What the file is, for log lines. */
  readonly what: string;
  /** How long the file must be quiet before it is read again. */
  readonly settleMs?: number;
  /** How often its inode, size and time are compared. */
  readonly pollMs?: number;
}

async function fingerprint(file: string): Promise<string> {
  const info = await stat(file).catch(() => undefined);
  return info === undefined ? 'missing' : `${info.ino}:${info.size}:${info.mtimeMs}`;
}

export async function followFile(options: FollowOptions): Promise<FollowedFile> {
  const { file, log, what } = options;
  let seen = await fingerprint(file);
  let settle: NodeJS.Timeout | undefined;
  let reading: Promise<void> | undefined;
  let readAgain = false;
  let closed = false;

  function changed(): void {
    if (closed) return;
    if (reading !== undefined) {
      readAgain = true;
      return;
    }
    reading = (async () => {
      seen = await fingerprint(file);
      await options.reload();
    })()
      .catch((error: unknown) => log.error({ err: error, file }, `${what} could not be reloaded`))
      .finally(() => {
        reading = undefined;
        if (readAgain) {
          readAgain = false;
          changed();
        }
      });
  }

  function soon(): void {
    clearTimeout(settle);
    settle = setTimeout(changed, options.settleMs ?? 200);
    settle.unref();
  }

  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(path.dirname(file), { persistent: false }, (_event, name) => {
      if (name === null || name === path.basename(file)) soon();
    });
    watcher.on('error', (error) => log.warn({ err: error, file }, `watching the ${what} stopped; still checking it periodically`));
  } catch (error) {
    log.warn({ err: error, file }, `cannot watch the ${what}; checking it periodically`);
  }
  const poll = setInterval(() => {
    void fingerprint(file).then((now) => {
      if (now !== seen && reading === undefined) soon();
    });
  }, options.pollMs ?? 2000);
  poll.unref();

  return {
    close() {
      closed = true;
      watcher?.close();
      clearInterval(poll);
      clearTimeout(settle);
    },
  };
}
