import { Command, type Alert } from '@watchfloor/shared';
import type { OutboxRow } from './database';
import type { CacheConnection } from './connection';
import { parseAlertRow, parseOutboxRow } from './rows';
import type { EnqueueResult, OutboxEntry, Refused } from './types';

/**
 * The cache's outbox: commands given while the hub may be out of reach, in the order given, until the hub
 * accepts or refuses them. Every window queues and sends its own; the writer adopts those of windows that
 * are gone. All of it goes through the `durable` connection, since a queued command exists nowhere else.
 */

export interface OutboxStore {
  /** `owner`: the window that will send it (see `OutboxRow.owner`). */
  enqueue(command: Command, row?: { readonly owner?: string; readonly optimistic?: Alert }): Promise<EnqueueResult>;
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
  /** The hub refused it: the row goes and the optimistic change with it. */
  refuse(mutationId: string): Promise<Refused | undefined>;
}

export function entryOf(row: OutboxRow): OutboxEntry {
  return {
    mutationId: row.mutationId,
    command: row.command,
    queuedAt: row.queuedAt,
    attempts: row.attempts,
    status: row.status,
    ...(row.optimistic === undefined ? {} : { optimistic: row.optimistic }),
    ...(row.owner === undefined ? {} : { owner: row.owner }),
  };
}

export function createOutboxStore(connection: CacheConnection): OutboxStore {
  const durable = () => connection.databases().durable;

  return {
    async enqueue(command, { owner, optimistic } = {}) {
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
            ...(optimistic === undefined ? {} : { optimistic }),
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

    async acknowledge(mutationId) {
      const database = durable();
      return database.transaction('rw', database.outbox, async () => {
        const row = await database.outbox.where('mutationId').equals(mutationId).first();
        if (row === undefined) return undefined;
        await database.outbox.delete(row.position!);
        return entryOf(parseOutboxRow(row));
      });
    },

    async refuse(mutationId) {
      const database = durable();
      return database.transaction('rw', [database.outbox, database.alerts], async () => {
        const row = await database.outbox.where('mutationId').equals(mutationId).first();
        if (row === undefined) return undefined;
        const entry = entryOf(parseOutboxRow(row));
        await database.outbox.delete(row.position!);
        const stored = await database.alerts.get(entry.command.alertId);
        return { entry, confirmed: stored === undefined ? undefined : parseAlertRow(stored).alert };
      });
    },

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
