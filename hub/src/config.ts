import { parseArgs } from 'node:util';
import { z } from 'zod';

/**
 * Hub settings from the command line, then the environment, then defaults. Invalid settings stop the hub
 * at start with a message naming the setting, never half-way through.
 */
export const HubConfig = z
  .object({
    port: z.coerce.number().int().min(0).max(65535).default(4610),
    host: z.string().min(1).default('127.0.0.1'),
    dataDir: z.string().min(1).optional(),
    databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL').optional(),
    databaseSchema: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('public'),
    demo: z.boolean().default(false),
    seed: z.coerce.number().int().min(0).default(1),
    rate: z.coerce.number().min(0).max(20_000).default(0.4),
    ingestKey: z.string().min(8, 'the ingest key must be at least 8 characters').optional(),
    tokenSecret: z.string().min(32, 'the token secret must be at least 32 characters').optional(),
    usersFile: z.string().min(1).optional(),
    /** How long a session token lasts; the console renews it while the officer is active. */
    tokenMinutes: z.coerce.number().positive().max(24 * 60).default(30),
    /** No renewal takes a session past this long after sign-in: then the officer gives the password again. */
    sessionHours: z.coerce.number().positive().max(7 * 24).default(12),
    seedFile: z.string().min(1).optional(),
    retentionDays: z.coerce.number().positive().optional(),
    staticDir: z.string().min(1).optional(),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .transform((config) => ({
    ...config,
    // Demo mode has a documented default ingest key so the bundled feeder and examples work as they are.
    ingestKey: config.ingestKey ?? (config.demo ? 'demo-ingest-key' : undefined),
  }));
export type HubConfig = z.infer<typeof HubConfig>;

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  data: { type: 'string' },
  'database-url': { type: 'string' },
  'database-schema': { type: 'string' },
  demo: { type: 'boolean' },
  seed: { type: 'string' },
  rate: { type: 'string' },
  'ingest-key': { type: 'string' },
  users: { type: 'string' },
  'token-minutes': { type: 'string' },
  'session-hours': { type: 'string' },
  'seed-file': { type: 'string' },
  'retention-days': { type: 'string' },
  serve: { type: 'string' },
  'log-level': { type: 'string' },
  help: { type: 'boolean' },
} as const;

export const USAGE = `Usage: npm run hub -- [options]
  --port N               listen port (env WATCHFLOOR_PORT, default 4610; 0 picks a free one)
  --host H               listen address (env WATCHFLOOR_HOST, default 127.0.0.1)
  --data DIR             PGlite data directory (env WATCHFLOOR_DATA; default: in memory)
  --database-url URL     PostgreSQL instead of PGlite (env DATABASE_URL)
  --database-schema S    schema inside that database (env WATCHFLOOR_DB_SCHEMA, default public)
  --demo                 simulated operation HARMATTAN and demo users (env WATCHFLOOR_DEMO=1)
  --seed N               simulator seed (default 1)
  --rate R               simulated hits per second (default 0.4)
  --ingest-key KEY       key checkpoint systems send as Bearer (env WATCHFLOOR_INGEST_KEY; demo: demo-ingest-key)
  --users FILE           officers JSON file (see docs/protocol.md); reloaded when it changes
  --token-minutes N      a session token lasts N minutes, renewed while the officer is active (default 30)
  --session-hours N      a session ends N hours after sign-in whatever the renewals (default 12)
  --seed-file FILE       operations and checkpoints JSON loaded at start
  --retention-days N     drop handled events older than N days (default: keep all)
  --serve DIR            also serve a built renderer (out/renderer) as a web console
  --log-level L          fatal|error|warn|info|debug|trace|silent (env WATCHFLOOR_LOG_LEVEL)
Token signing secret: env WATCHFLOOR_TOKEN_SECRET (default: generated once and kept in the database).`;

export function readConfig(argv: readonly string[], env: NodeJS.ProcessEnv): { config: HubConfig } | { help: true } | { error: string } {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (values.help === true) return { help: true };
  const pick = (flag: string, variable?: string) => values[flag] ?? (variable === undefined ? undefined : env[variable]);
  const parsed = HubConfig.safeParse({
    port: pick('port', 'WATCHFLOOR_PORT'),
    host: pick('host', 'WATCHFLOOR_HOST'),
    dataDir: pick('data', 'WATCHFLOOR_DATA'),
    databaseUrl: pick('database-url', 'DATABASE_URL'),
    databaseSchema: pick('database-schema', 'WATCHFLOOR_DB_SCHEMA'),
    demo: values.demo ?? (env.WATCHFLOOR_DEMO === '1' || env.WATCHFLOOR_DEMO === 'true'),
    seed: pick('seed'),
    rate: pick('rate'),
    ingestKey: pick('ingest-key', 'WATCHFLOOR_INGEST_KEY'),
    tokenSecret: env.WATCHFLOOR_TOKEN_SECRET,
    usersFile: pick('users'),
    tokenMinutes: pick('token-minutes'),
    sessionHours: pick('session-hours'),
    seedFile: pick('seed-file'),
    retentionDays: pick('retention-days'),
    staticDir: pick('serve'),
    logLevel: pick('log-level', 'WATCHFLOOR_LOG_LEVEL'),
  });
  if (!parsed.success) {
    return { error: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`).join('\n') };
  }
  return { config: parsed.data };
}
