import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { HubConfig, startHub, type HubHooks, type RunningHub } from '../../hub/src/index';

/**
 * The hub the hub benches measure: the demo operation and checkpoints without simulated hits, on PGlite in a
 * fresh directory, or on PostgreSQL in a fresh schema when WATCHFLOOR_BENCH_DATABASE_URL is set; removed
 * afterwards either way. Feeders post with `BENCH_INGEST_KEY`.
 */
export const BENCH_INGEST_KEY = 'bench-ingest-key';
const DATABASE_URL = process.env.WATCHFLOOR_BENCH_DATABASE_URL;
export const BENCH_DATABASE = DATABASE_URL === undefined ? 'PGlite' : 'PostgreSQL';

/** What a bench changes of the bench hub: settings (e.g. `staticDir` to serve the console) and hooks. */
export interface BenchHubOptions {
  readonly config?: Partial<HubConfig>;
  readonly hooks?: HubHooks;
}

/** Runs `work` against a fresh bench hub; `name` tells its directory or schema apart. */
export async function withBenchHub<T>(name: string, work: (hub: RunningHub) => Promise<T>, options: BenchHubOptions = {}): Promise<T> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `watchfloor-bench-${name}-`));
  const schema = `bench_${name.replace(/\W/g, '_')}_${process.pid}`;
  try {
    const hub = await startHub(
      HubConfig.parse({
        port: 0,
        ...(DATABASE_URL === undefined ? { dataDir } : { databaseUrl: DATABASE_URL, databaseSchema: schema }),
        demo: true,
        rate: 0,
        logLevel: 'silent',
        ingestKey: BENCH_INGEST_KEY,
        ...options.config,
      }),
      options.hooks,
    );
    try {
      return await work(hub);
    } finally {
      await hub.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    if (DATABASE_URL !== undefined) await dropSchema(DATABASE_URL, schema);
  }
}

async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}
