import { readFile } from 'node:fs/promises';
import { describeIssues, parseWith, type AuditEntry } from '@watchfloor/shared';
import type { Logger } from 'pino';
import { IngestKeysFile, createIngestKeyRing, type IngestKeyEntry, type IngestKeyRing, type IngestSource } from './ingest-keys';
import { followFile } from './watched-file';

/**
 * The keys file (`--ingest-keys FILE`), read at start and again whenever it changes, without a restart, so
 * a bureau can add, rotate and revoke checkpoint systems' keys while feeders post. A file that cannot be
 * read or fails its schema stops the hub at start; later, it keeps the keys the hub had and is logged, so
 * a typo never locks every feeder out. A reload that changes keys is recorded in the audit trail (which key,
 * added, updated or removed, and which of its settings) before the new keys apply: when it cannot be
 * recorded, the hub keeps the keys it had.
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
  /** Records a reload's changes in the audit trail; resolves once they are recorded. */
  readonly record: (entries: readonly AuditEntry[]) => Promise<void>;
  readonly now?: () => number;
}

interface KeysRead extends IngestKeyRing {
  readonly entries: readonly IngestKeyEntry[];
}

async function readKeys(file: string): Promise<KeysRead> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`ingest keys file ${file}: ${(error as Error).message}`);
  }
  const parsed = parseWith(IngestKeysFile, json);
  if (!parsed.ok) throw new Error(`ingest keys file ${file}: ${describeIssues(parsed.issues)}`);
  return { ...createIngestKeyRing(parsed.value), entries: parsed.value };
}

const KEY_FIELDS = ['name', 'keyHash', 'checkpoints', 'countries'] as const;

/** What changed between two readings of the file, key by key, as audit entries (no key or hash values). */
export function ingestKeyChanges(before: readonly IngestKeyEntry[], after: readonly IngestKeyEntry[], at: number): AuditEntry[] {
  const old = new Map(before.map((entry) => [entry.id, entry]));
  const changes: AuditEntry[] = [];
  for (const entry of after) {
    const previous = old.get(entry.id);
    old.delete(entry.id);
    const fields = previous === undefined ? [] : KEY_FIELDS.filter((field) => JSON.stringify(previous[field]) !== JSON.stringify(entry[field]));
    if (previous !== undefined && fields.length === 0) continue;
    changes.push({
      act: 'ingest-key-changed',
      at,
      details: { change: previous === undefined ? 'added' : 'updated', keyId: entry.id, name: entry.name, ...(previous === undefined ? {} : { fields }) },
    });
  }
  for (const entry of old.values()) changes.push({ act: 'ingest-key-changed', at, details: { change: 'removed', keyId: entry.id, name: entry.name } });
  return changes;
}

/** Reads the keys file (a bad one stops the start) and follows its changes until `close()`. */
export async function watchIngestKeysFile(options: IngestKeysFileOptions): Promise<WatchedIngestKeys> {
  const { file, log } = options;
  const now = options.now ?? Date.now;
  let ring = await readKeys(file);
  const followed = await followFile({
    file,
    log,
    what: 'ingest keys file',
    ...(options.settleMs === undefined ? {} : { settleMs: options.settleMs }),
    ...(options.pollMs === undefined ? {} : { pollMs: options.pollMs }),
    reload: async () => {
      let fresh: KeysRead;
      try {
        fresh = await readKeys(file);
      } catch (error) {
        log.error({ file, problem: (error as Error).message }, 'ingest keys file not reloaded: the hub keeps the keys it had; fix the file');
        return;
      }
      try {
        await options.record(ingestKeyChanges(ring.entries, fresh.entries, now()));
      } catch (error) {
        log.error({ err: error, file }, 'ingest keys file not reloaded: its changes could not be recorded in the audit trail; the hub keeps the keys it had');
        return;
      }
      ring = fresh;
      log.info({ file, keys: fresh.entries.length }, 'ingest keys reloaded');
    },
  });
  return {
    find: (key: string | undefined): IngestSource | undefined => ring.find(key),
    close: () => followed.close(),
  };
}
