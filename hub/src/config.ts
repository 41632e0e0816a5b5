import { parseArgs } from 'node:util';
import {
  DEFAULT_REVEAL_PURPOSE_LIST,
  HandlingLabel,
  LANGUAGE_CODES,
  LanguageCode,
  RetentionPolicy,
  RevealPurposeList,
  parseRevealPurposeSetting,
  spokenLanguage,
} from '@watchfloor/shared';
import { z } from 'zod';
import { ORIGIN_PATTERN } from './http/allowed-origins';

/**
 * Hub settings from the command line, then the environment, then defaults. Invalid settings stop the hub
 * at start with a message naming the setting, never half-way through; only the console's language, which
 * decides no data, falls back to English with a warning instead.
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
    ingestKeysFile: z.string().min(1).optional(),
    tokenSecret: z.string().min(32, 'the token secret must be at least 32 characters').optional(),
    usersFile: z.string().min(1).optional(),
    /** How long a session token lasts; the console renews it while the officer is active. */
    tokenMinutes: z.coerce.number().positive().max(24 * 60).default(30),
    /** No renewal takes a session past this long after sign-in: then the officer gives the password again. */
    sessionHours: z.coerce.number().positive().max(7 * 24).default(12),
    seedFile: z.string().min(1).optional(),
    /** How long each kind of data is kept (docs/retention.md); every setting has a default. */
    retention: RetentionPolicy.prefault({}),
    /** The bureau's purposes an officer picks from to reveal personal details (docs/protocol.md). */
    revealPurposes: RevealPurposeList.default([...DEFAULT_REVEAL_PURPOSE_LIST]),
    /** The handling label the console puts on every export, e.g. "For official use only". */
    handlingLabel: HandlingLabel.optional(),
    /** The bureau's language for the console it serves, until an officer chooses their own. */
    language: LanguageCode.optional(),
    staticDir: z.string().min(1).optional(),
    trustProxy: z.boolean().default(false),
    allowedOrigins: z.array(z.string().regex(ORIGIN_PATTERN, 'expected an origin such as https://console.bureau.example')).default([]),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  // One key for every checkpoint beside per-system keys would quietly undo their limits.
  .refine((config) => config.ingestKey === undefined || config.ingestKeysFile === undefined, {
    path: ['ingestKeysFile'],
    message: 'give either --ingest-keys FILE or WATCHFLOOR_INGEST_KEY, not both',
  })
  .transform((config) => ({
    ...config,
    // Demo mode has a documented default ingest key so the bundled feeder and examples work as they are.
    ingestKey: config.ingestKey ?? (config.demo && config.ingestKeysFile === undefined ? 'demo-ingest-key' : undefined),
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
  'ingest-keys': { type: 'string' },
  users: { type: 'string' },
  'token-minutes': { type: 'string' },
  'session-hours': { type: 'string' },
  'seed-file': { type: 'string' },
  'retention-days': { type: 'string' },
  'retention-subject-days': { type: 'string' },
  'retention-subject-grace-days': { type: 'string' },
  'retention-idempotency-days': { type: 'string' },
  'retention-refusal-days': { type: 'string' },
  'reveal-purposes': { type: 'string' },
  'handling-label': { type: 'string' },
  language: { type: 'string' },
  serve: { type: 'string' },
  'trust-proxy': { type: 'boolean' },
  'allowed-origins': { type: 'string' },
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
  --ingest-keys FILE     checkpoint systems' keys, each limited to its checkpoints (env WATCHFLOOR_INGEST_KEYS;
                         reloaded when it changes; see docs/protocol.md)
  --users FILE           officers JSON file (see docs/protocol.md); reloaded when it changes
  --token-minutes N      a session token lasts N minutes, renewed while the officer is active (default 30)
  --session-hours N      a session ends N hours after sign-in whatever the renewals (default 12)
  --seed-file FILE       operations and checkpoints JSON loaded at start
  --retention-days N     events the current picture no longer needs leave after N days (default 30); the
                         console's cache keeps none longer (env WATCHFLOOR_RETENTION_DAYS)
  --retention-subject-days N
                         personal details leave N days after they were received (default 90;
                         env WATCHFLOOR_RETENTION_SUBJECT_DAYS)
  --retention-subject-grace-days N
                         ...or N days after their alert was finally resolved, if that is sooner (default 30;
                         env WATCHFLOOR_RETENTION_SUBJECT_GRACE_DAYS)
  --retention-idempotency-days N
                         feeders' external ids and officers' mutation ids are remembered N days, and hits
                         screened longer ago are refused (default 7; env WATCHFLOOR_RETENTION_IDEMPOTENCY_DAYS)
  --retention-refusal-days N
                         refused commands and reveals are kept N days (default 365;
                         env WATCHFLOOR_RETENTION_REFUSAL_DAYS). The audit trail is kept: see docs/retention.md
  --reveal-purposes LIST the purposes an officer picks from to reveal personal details, comma-separated:
                         a default id, or id:Label for the bureau's own (env WATCHFLOOR_REVEAL_PURPOSES;
                         default identity-confirmation,arrest-procedure,victim-safeguarding,
                         document-verification,record-owner-liaison,investigation-follow-up)
  --handling-label TEXT  the handling label on every export the console makes, e.g. "For official use only"
                         (env WATCHFLOOR_HANDLING_LABEL; default none, and exports say none was set)
  --language CODE        the language of the console this hub serves until an officer chooses their own:
                         ${LANGUAGE_CODES.join(', ')} (env WATCHFLOOR_LANGUAGE; default: the workstation's language,
                         else English). Any other value is warned about at start and gives English
  --serve DIR            also serve a built renderer (out/renderer) as a web console
  --allowed-origins LIST web pages (comma-separated origins, e.g. https://console.bureau.example) that may
                         call the API and open sockets, besides the hub's own pages and the desktop app
                         (env WATCHFLOOR_ALLOWED_ORIGINS)
  --trust-proxy          behind a reverse proxy: take the client address from the last X-Forwarded-For
                         entry, for sign-in throttling and logs (env WATCHFLOOR_TRUST_PROXY=1; default off)
  --log-level L          fatal|error|warn|info|debug|trace|silent (env WATCHFLOOR_LOG_LEVEL)
Token signing secret: env WATCHFLOOR_TOKEN_SECRET (default: generated once and kept in the database).
One ingest key for every checkpoint, instead of a keys file: env WATCHFLOOR_INGEST_KEY (demo: demo-ingest-key).
  npm run hub -- hash-password        read a password on stdin, print its hash for a users file
  npm run hub -- new-ingest-key --id ID --name NAME [--checkpoints A,B] [--countries NG,BJ]
                                      make a checkpoint system's key: prints the key once and its entry
  npm run hub -- audit verify [--database-url URL [--database-schema S] | --data DIR]
                                      walk the audit trail: "intact" (exit 0) or the first broken record
                                      (exit 1); see docs/audit.md`;

/** The settings, with a warning for each one that was replaced by its fallback. */
export type ReadConfig = { config: HubConfig; warnings: readonly string[] } | { help: true } | { error: string };

export function readConfig(argv: readonly string[], env: NodeJS.ProcessEnv): ReadConfig {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (values.help === true) return { help: true };
  const pick = (flag: string, variable?: string) => values[flag] ?? (variable === undefined ? undefined : env[variable]);
  const language = readLanguageSetting(pick('language', 'WATCHFLOOR_LANGUAGE'));
  const parsed = HubConfig.safeParse({
    port: pick('port', 'WATCHFLOOR_PORT'),
    host: pick('host', 'WATCHFLOOR_HOST'),
    dataDir: pick('data', 'WATCHFLOOR_DATA'),
    databaseUrl: pick('database-url', 'DATABASE_URL'),
    databaseSchema: pick('database-schema', 'WATCHFLOOR_DB_SCHEMA'),
    demo: values.demo ?? (env.WATCHFLOOR_DEMO === '1' || env.WATCHFLOOR_DEMO === 'true'),
    seed: pick('seed'),
    rate: pick('rate'),
    ingestKey: env.WATCHFLOOR_INGEST_KEY,
    ingestKeysFile: pick('ingest-keys', 'WATCHFLOOR_INGEST_KEYS'),
    tokenSecret: env.WATCHFLOOR_TOKEN_SECRET,
    usersFile: pick('users'),
    tokenMinutes: pick('token-minutes'),
    sessionHours: pick('session-hours'),
    seedFile: pick('seed-file'),
    retention: {
      eventDays: days(pick('retention-days', 'WATCHFLOOR_RETENTION_DAYS')),
      subjectDays: days(pick('retention-subject-days', 'WATCHFLOOR_RETENTION_SUBJECT_DAYS')),
      subjectGraceDays: days(pick('retention-subject-grace-days', 'WATCHFLOOR_RETENTION_SUBJECT_GRACE_DAYS')),
      idempotencyDays: days(pick('retention-idempotency-days', 'WATCHFLOOR_RETENTION_IDEMPOTENCY_DAYS')),
      refusalDays: days(pick('retention-refusal-days', 'WATCHFLOOR_RETENTION_REFUSAL_DAYS')),
    },
    revealPurposes: purposeList(pick('reveal-purposes', 'WATCHFLOOR_REVEAL_PURPOSES')),
    handlingLabel: pick('handling-label', 'WATCHFLOOR_HANDLING_LABEL'),
    language: language.language,
    staticDir: pick('serve'),
    trustProxy: values['trust-proxy'] ?? (env.WATCHFLOOR_TRUST_PROXY === '1' || env.WATCHFLOOR_TRUST_PROXY === 'true'),
    allowedOrigins: originList(pick('allowed-origins', 'WATCHFLOOR_ALLOWED_ORIGINS')),
    logLevel: pick('log-level', 'WATCHFLOOR_LOG_LEVEL'),
  });
  if (!parsed.success) {
    return { error: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`).join('\n') };
  }
  return { config: parsed.data, warnings: language.warning === undefined ? [] : [language.warning] };
}

/** The console's language as set: one it does not speak, or a value that is no language, gives English and a warning. */
export function readLanguageSetting(value: string | boolean | undefined): { language?: LanguageCode; warning?: string } {
  if (typeof value !== 'string') return {};
  const language = spokenLanguage(value.trim());
  if (language !== undefined) return { language };
  return {
    language: 'en',
    warning: `language: ${JSON.stringify(value)} is not a language the console speaks (${LANGUAGE_CODES.join(', ')}); it starts in English until an officer chooses`,
  };
}

/** A number of days as typed; anything that is not a number is left as typed, for the schema to name. */
function days(value: string | boolean | undefined): number | string | undefined {
  if (typeof value !== 'string') return undefined;
  return value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
}

function originList(value: string | boolean | undefined): string[] | undefined {
  if (typeof value !== 'string') return undefined;
  return value.split(',').map((origin) => origin.trim()).filter((origin) => origin.length > 0);
}

function purposeList(value: string | boolean | undefined): unknown[] | undefined {
  return typeof value === 'string' ? parseRevealPurposeSetting(value) : undefined;
}
