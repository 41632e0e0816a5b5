import { parseArgs } from 'node:util';
import pino from 'pino';
import type { Database } from '../db/database';
import { openPglite } from '../db/pglite';
import { openPostgres } from '../db/postgres';
import { verifyTrail } from './trail';

/**
 * `npm run hub -- audit verify [--database-url URL [--database-schema S] | --data DIR]`: walks the audit
 * trail in seq order and says whether the chain is intact (exit 0) or which record first breaks it (exit 1).
 * It only reads. A PGlite directory must not be in use by a running hub while it is checked.
 */
export const AUDIT_USAGE = `Usage: npm run hub -- audit verify [--database-url URL [--database-schema S] | --data DIR]
  Walks the audit trail and prints "audit trail intact: N records, last hash H" (exit 0), or names the
  first record that breaks the chain and what is wrong with it (exit 1). The database is read, never
  changed; the same settings as the hub's (env DATABASE_URL, WATCHFLOOR_DB_SCHEMA, WATCHFLOOR_DATA).
  Stop a hub that uses a PGlite directory before checking that directory. See docs/audit.md.`;

export interface AuditCommandResult {
  readonly code: number;
  readonly output: string;
}

/** A setting's value; an empty one (`DATABASE_URL=`) counts as not given. */
function given(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export async function auditCommand(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<AuditCommandResult> {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      options: { 'database-url': { type: 'string' }, 'database-schema': { type: 'string' }, data: { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: true,
    }));
  } catch (error) {
    return { code: 2, output: `audit: ${(error as Error).message}\n\n${AUDIT_USAGE}` };
  }
  if (values.help === true) return { code: 0, output: AUDIT_USAGE };
  if (positionals.length !== 1 || positionals[0] !== 'verify') return { code: 2, output: `audit: expected 'verify'\n\n${AUDIT_USAGE}` };
  const url = given(values['database-url']) ?? given(env.DATABASE_URL);
  const dataDir = given(values.data) ?? given(env.WATCHFLOOR_DATA);
  const schema = given(values['database-schema']) ?? given(env.WATCHFLOOR_DB_SCHEMA) ?? 'public';
  if (url !== undefined && values.data !== undefined) return { code: 2, output: `audit: give --database-url or --data, not both\n\n${AUDIT_USAGE}` };
  if (url === undefined && dataDir === undefined) return { code: 2, output: `audit: give --database-url URL or --data DIR\n\n${AUDIT_USAGE}` };
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url)) return { code: 2, output: `audit: expected a postgres:// URL\n\n${AUDIT_USAGE}` };
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) return { code: 2, output: `audit: invalid schema name '${schema}'\n\n${AUDIT_USAGE}` };

  let db: Database;
  try {
    db = url !== undefined ? await openPostgres(url, schema, pino({ level: 'silent' })) : await openPglite(dataDir);
  } catch (error) {
    return { code: 2, output: `audit: could not open the database: ${(error as Error).message}` };
  }
  try {
    const [table] = await db.query<{ found: string | null }>("select to_regclass('audit_trail')::text as found");
    if (table?.found === null || table?.found === undefined) {
      return { code: 2, output: 'audit: this database holds no audit trail (no hub of this version has run on it)' };
    }
    const verdict = await verifyTrail(db);
    if (verdict.ok) return { code: 0, output: `audit trail intact: ${verdict.records} records, last hash ${verdict.last.hash} (seq ${verdict.last.seq})` };
    const { broken } = verdict;
    return { code: 1, output: `audit trail broken at seq ${broken.seq} (${broken.kind}): ${broken.message}; the ${verdict.records} records before it are intact` };
  } catch (error) {
    // Not a verdict on the trail: the walk could not finish.
    return { code: 2, output: `audit: could not read the audit trail: ${(error as Error).message}` };
  } finally {
    await db.close();
  }
}
