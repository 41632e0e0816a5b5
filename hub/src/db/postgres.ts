import pg from 'pg';
import type { Logger } from 'pino';
import type { Database, Queryable, Row } from './database';

// int8 (seq, epoch ms) as JS numbers: both stay far below 2^53.
pg.types.setTypeParser(20, (text) => Number(text));

/** How long to wait before listening again after losing the LISTEN connection, doubling up to the max. */
const RELISTEN_FIRST_MS = 100;
const RELISTEN_MAX_MS = 5_000;

/**
 * PostgreSQL through a `pg` pool. `schema` isolates a deployment (or a test) inside one database; every
 * connection sets its search_path to it.
 */
export async function openPostgres(url: string, schema: string, log: Logger): Promise<Database> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name '${schema}'`);
  const pool = new pg.Pool({ connectionString: url, max: 8, options: `-c search_path=${schema}` });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it. Queries in flight report their own error.
  });
  await pool.query(`create schema if not exists ${schema}`);

  // LISTEN needs a connection of its own, outside the pool. When it drops (database restart, failover, an
  // idle timeout), a `pg.Client` emits 'error', which would crash the hub unhandled. Instead the hub listens
  // again with backoff, then tells every listener that notices may have been missed, so it catches up
  // from the log: the log, not the notices, is what no event can be missed from.
  const channels = new Map<string, (payload: string) => void>();
  let listener: pg.Client | undefined;
  let connecting: Promise<pg.Client> | undefined;
  let relisten: NodeJS.Timeout | undefined;
  let closed = false;

  async function connectListener(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: url });
    client.on('error', (error) => lost(client, error));
    client.on('end', () => lost(client, undefined));
    client.on('notification', (message) => channels.get(message.channel)?.(message.payload ?? ''));
    try {
      await client.connect();
      for (const channel of channels.keys()) await client.query(`listen ${channel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    listener = client;
    return client;
  }

  function lost(client: pg.Client, error: Error | undefined): void {
    if (client !== listener || closed) return;
    listener = undefined;
    void client.end().catch(() => undefined);
    log.warn({ err: error }, 'lost the database connection that listens for other hubs\' events; listening again');
    listenAgain(RELISTEN_FIRST_MS);
  }

  function listenAgain(delayMs: number): void {
    relisten = setTimeout(() => {
      relisten = undefined;
      connecting = connectListener();
      connecting.then(
        () => {
          log.info('listening for other hubs\' events again; catching up from the log');
          for (const onNotify of channels.values()) onNotify('');
        },
        (error: unknown) => {
          if (closed) return;
          log.warn({ err: error }, 'could not listen for other hubs\' events yet; retrying');
          listenAgain(Math.min(delayMs * 2, RELISTEN_MAX_MS));
        },
      );
    }, delayMs);
  }
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
      channels.set(channel, onNotify);
      if (listener !== undefined) await listener.query(`listen ${channel}`);
      else if (relisten === undefined) await (connecting ??= connectListener());
    },
    close: async () => {
      closed = true;
      clearTimeout(relisten);
      const client = listener ?? (await connecting?.catch(() => undefined));
      await client?.end().catch(() => undefined);
      await pool.end();
    },
  };
}
