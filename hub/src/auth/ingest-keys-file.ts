import { readFile } from 'node:fs/promises';
import { describeIssues, parseWith } from '@watchfloor/shared';
import type { Logger } from 'pino';
import { IngestKeysFile, createIngestKeyRing, type IngestKeyRing, type IngestSource } from './ingest-keys';
import { followFile } from './watched-file';

/**
 * The keys file (`--ingest-keys FILE`), read at start and again whenever it changes, without a restart, so
 * a bureau can add, rotate and revoke checkpoint systems' keys while feeders post. A file that cannot be
 * read or fails its schema stops the hub at start; later, it keeps the keys the hub had and is logged, so
 * a typo never locks every feeder out.
 */
export interface WatchedIngestKeys extends IngestKeyRing {
  close(): void;
}

export interface IngestKeysFileOptions {
  readonly file: string;
  readonly log: Logger;
  /** How long the file must be quiet before it is read again. */
  readonly settleMs?: number;
  /** How often its size and time are compared, for file systems without change notifications. */
  readonly pollMs?: number;
}

async function readKeys(file: string): Promise<IngestKeyRing & { readonly count: number }> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`ingest keys file ${file}: ${(error as Error).message}`);
  }
  const parsed = parseWith(IngestKeysFile, json);
  if (!parsed.ok) throw new Error(`ingest keys file ${file}: ${describeIssues(parsed.issues)}`);
  return { ...createIngestKeyRing(parsed.value), count: parsed.value.length };
}

/** Reads the keys file (a bad one stops the start) and follows its changes until `close()`. */
export async function watchIngestKeysFile(options: IngestKeysFileOptions): Promise<WatchedIngestKeys> {
  const { file, log } = options;
  let ring = await readKeys(file);
  const followed = await followFile({
    file,
    log,
    what: 'ingest keys file',
    ...(options.settleMs === undefined ? {} : { settleMs: options.settleMs }),
    ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
    reload: async () => {
      try {
        ring = await readKeys(file);
        log.info({ file, keys: ring.count }, 'ingest keys reloaded');
      } catch (error) {
        log.error({ file, problem: (error as Error).message }, 'ingest keys file not reloaded: the hub keeps the keys it had; fix the file');
      }
    },
  });
  return {
    find: (key: string | undefined): IngestSource | undefined => ring.find(key),
    close: () => followed.close(),
  };
}
