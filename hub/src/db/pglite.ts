import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable, Row } from './database';

/** PGlite in a data directory (or in memory when `dataDir` is undefined): the embedded default. */
export async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const asQueryable = (target: Pick<PGlite, 'query'>): Queryable => ({
    query: async <R extends Row>(sql: string, params: readonly unknown[] = []) =>
      (await target.query<R>(sql, [...params])).rows,
  });
  return {
    kind: 'pglite',
    ...asQueryable(db),
    transaction: (work) => db.transaction((tx) => work(asQueryable(tx))),
    exec: async (sql) => {
      await db.exec(sql);
    },
    listen: async (channel, onNotify) => {
      await db.listen(channel, onNotify);
    },
    close: () => db.close(),
  };
}
