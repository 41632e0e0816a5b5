import pg from 'pg';
import type { Database, Queryable, Row } from './database';

// int8 (seq, epoch ms) as JS numbers: both stay far below 2^53.
pg.types.setTypeParser(20, (text) => Number(text));

/**
 * PostgreSQL through a `pg` pool. `schema` isolates a deployment (or a test) inside one database; every
 * connection sets its search_path to it.
 */
export async function openPostgres(url: string, schema = 'public'): Promise<Database> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name '${schema}'`);
  const pool = new pg.Pool({ connectionString: url, max: 8, options: `-c search_path=${schema}` });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it. Queries in flight report their own error.
  });
  await pool.query(`create schema if not exists ${schema}`);
  let listener: pg.Client | undefined;
  const wrap = (target: Pick<pg.Pool | pg.PoolClient, 'query'>): Queryable => ({
    query: async <R extends Row>(sql: string, params: readonly unknown[] = []) =>
      (await target.query<R>(sql, [...params])).rows,
  });
  return {
    kind: 'postgres',
    ...wrap(pool),
    transaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work(wrap(client));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    listen: async (channel, onNotify) => {
      listener ??= new pg.Client({ connectionString: url });
      if (!listener.listenerCount('notification')) {
        await listener.connect();
        listener.on('notification', (message) => {
          if (message.channel === channel) onNotify(message.payload ?? '');
        });
      }
      await listener.query(`listen ${channel}`);
    },
    close: async () => {
      await listener?.end().catch(() => undefined);
      await pool.end();
    },
  };
}
