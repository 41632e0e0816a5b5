import { Command } from '@watchfloor/shared';
import type { OutboxRow } from './database';
import type { CacheConnection } from './connection';
import { parseOutboxRow } from './rows';
import type { EnqueueResult, OutboxEntry } from './types';

/**
 * The cache's outbox: commands given while the hub may be out of reach, in the order given, until the hub
 * accepts or refuses them. Every window queues and sends its own; the writer adopts those of windows that
 * are gone. All of it goes through the `durable` connection, since a queued command exists nowhere else.
 */

export interface OutboxStore {
  /** `owner`: the window that will send it (see `OutboxRow.owner`). */
  enqueue(command: Command, row?: { readonly owner?: string }): Promise<EnqueueResult>;
  /** In the order given: every queued command, or only those `owner` sends. */
  pending(owner?: string): Promise<readonly OutboxEntry[]>;
  /**
   * Makes `owner` the sender of the commands queued by windows that have `gone`, and of those that name no
   * owner, in one transaction, so no two windows ever send one row; returns them in the order given.
   */
  adopt(owner: string, gone: ReadonlySet<string>): Promise<readonly OutboxEntry[]>;
  /** Counts a send attempt, so the officer can see a command that keeps failing. */
  markSent(mutationId: string): Promise<void>;
  /** The hub accepted it: the row goes. */
  acknowledge(mutationId: string): Promise<OutboxEntry | undefined>;
  /**
   * The hub refused it: the row goes. The console shows pending commands projected over the confirmed
   * picture, so the row going is the whole rollback.
   */
  refuse(mutationId: string): Promise<OutboxEntry | undefined>;
}

export function entryOf(row: OutboxRow): OutboxEntry {
  return {
    mutationId: row.mutationId,
    command: row.command,
    queuedAt: row.queuedAt,
    attempts: row.attempts,
    status: row.status,
    ...(row.owner === undefined ? {} : { owner: row.owner }),
  };
}

export function createOutboxStore(connection: CacheConnection): OutboxStore {
  const durable = () => connection.databases().durable;

  /** Removes the row once the hub has answered it, either way; returns it, or undefined if it was not queued. */
  async function remove(mutationId: string): Promise<OutboxEntry | undefined> {
    const database = durable();
    return database.transaction('rw', database.outbox, async () => {
      const row = await database.outbox.where('mutationId').equals(mutationId).first();
      if (row === undefined) return undefined;
      await database.outbox.delete(row.position!);
      return entryOf(parseOutboxRow(row));
    });
  }

  return {
    async enqueue(command, { owner } = {}) {
      const parsed = Command.safeParse(command);
      if (!parsed.success) return { ok: false, reason: 'invalid', message: parsed.error.issues.map((issue) => issue.message).join('; ') };
      const current = connection.identity();
      const hubId = current.hubId;
      if (hubId === undefined) {
        return { ok: false, reason: 'unbound', message: 'No hub has been reached yet, so there is nothing to send this command to.' };
      }
      return connection.guarded(async (): Promise<EnqueueResult> => {
        const database = durable();
        return database.transaction('rw', database.outbox, async () => {
          if ((await database.outbox.where('mutationId').equals(parsed.data.mutationId).count()) > 0) {
            return { ok: false, reason: 'duplicate', message: `command ${parsed.data.mutationId} is already queued` };
          }
          const row: OutboxRow = {
            mutationId: parsed.data.mutationId,
            hubId,
            officerId: current.officerId,
            command: parsed.data,
            queuedAt: connection.now(),
            attempts: 0,
            status: 'queued',
            ...(owner === undefined ? {} : { owner }),
          };
          await database.outbox.add(row);
          return { ok: true, entry: entryOf(row) };
        });
      });
    },

    async pending(owner) {
      const rows = await durable().outbox.orderBy('position').toArray();
      // Owners are not indexed (an index would have needed a schema version), and an outbox is short.
      const entries = rows.map((row) => entryOf(parseOutboxRow(row)));
      return owner === undefined ? entries : entries.filter((entry) => entry.owner === owner);
    },

    async markSent(mutationId) {
      const database = durable();
      await database.transaction('rw', database.outbox, async () => {
        const row = await database.outbox.where('mutationId').equals(mutationId).first();
        if (row === undefined) return;
        await database.outbox.put({ ...parseOutboxRow(row), attempts: row.attempts + 1, status: 'sent' });
      });
    },

    acknowledge: remove,

    refuse: remove,

    async adopt(owner, gone) {
      const database = durable();
      return database.transaction('rw', database.outbox, async () => {
        const rows = (await database.outbox.orderBy('position').toArray()).map(parseOutboxRow);
        const orphans = rows.filter((row) => row.owner === undefined || gone.has(row.owner)).map((row) => ({ ...row, owner }));
        if (orphans.length > 0) await database.outbox.bulkPut(orphans);
        return orphans.map(entryOf);
      });
    },
  };
}
