import { closeDatabases, deleteDatabase, openDatabases, type CacheDatabases, type DatabaseOptions, type OutboxRow } from './database';
import { messageOf } from './errors';
import { parseOutboxRow } from './rows';

/** What a rebuild kept and lost, for the message the officer sees. */
export interface Salvage {
  readonly kept: readonly OutboxRow[];
  /** Rows that could not be read; undefined when the outbox itself could not be read at all. */
  readonly lost: number | undefined;
}

/** Reads the outbox rows that still parse, one by one, so one bad row does not cost the others. */
export async function salvageOutbox(databases: CacheDatabases | undefined): Promise<Salvage> {
  if (databases === undefined) return { kept: [], lost: undefined };
  let raw: unknown[];
  try {
    raw = await databases.durable.outbox.toArray();
  } catch {
    return { kept: [], lost: undefined };
  }
  const kept: OutboxRow[] = [];
  for (const row of raw) {
    try {
      kept.push(parseOutboxRow(row));
    } catch {
      // Counted as lost below; a half-readable command must not be sent.
    }
  }
  return { kept, lost: raw.length - kept.length };
}

/**
 * Sets the damaged database aside and starts a new one holding only the salvaged outbox. IndexedDB cannot
 * rename a database, and everything but the outbox is rebuilt from the hub, so aside means deleted once the
 * readable commands are copied out.
 */
export async function rebuildDatabase(
  name: string,
  options: DatabaseOptions,
  damaged: CacheDatabases | undefined,
  salvage: Salvage,
): Promise<CacheDatabases> {
  if (damaged !== undefined) closeDatabases(damaged);
  try {
    await deleteDatabase(name, options);
  } catch (error) {
    throw new Error(`the damaged local cache could not be removed: ${messageOf(error)}`);
  }
  const fresh = await openDatabases(name, options);
  if (salvage.kept.length > 0) await fresh.durable.outbox.bulkPut([...salvage.kept]);
  return fresh;
}
