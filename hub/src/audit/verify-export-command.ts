import { readFile } from 'node:fs/promises';
import { formatIsoUtc, verifyAuditExport } from '@watchfloor/shared';
import { auditHash } from './trail';

/**
 * `npm run hub -- audit verify-export FILE.json`: checks an audit trail export saved from the console's
 * data-protection view, without a hub or a database: each record's SHA-256 recomputed from its canonical
 * text, records in seq order, each record that follows another directly linked to it by `prevHash`. Exit 0
 * and what was checked, 1 naming the first record that fails, 2 when the file cannot be read as an export.
 */
export const VERIFY_EXPORT_USAGE = `Usage: npm run hub -- audit verify-export FILE.json
  Checks an audit trail export from the console (Data protection, Export JSON): every record's hash
  recomputes and consecutive records link. Prints "audit export intact: …" (exit 0) or names the first
  record that fails (exit 1). A filtered export skips records: the links across a gap are not in the file;
  match the records' prevHash against the hub's trail (npm run hub -- audit verify). See docs/audit.md.`;

export interface VerifyExportResult {
  readonly code: number;
  readonly output: string;
}

export async function verifyExportCommand(argv: readonly string[]): Promise<VerifyExportResult> {
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) return { code: 0, output: VERIFY_EXPORT_USAGE };
  if (argv.length !== 1) return { code: 2, output: `audit verify-export: give one export file\n\n${VERIFY_EXPORT_USAGE}` };
  const file = argv[0]!;
  let input: unknown;
  try {
    input = JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch (error) {
    return { code: 2, output: `audit verify-export: cannot read ${file} as JSON: ${(error as Error).message}` };
  }
  const check = verifyAuditExport(input, auditHash);
  if (!check.ok) {
    if (check.seq === undefined) return { code: 2, output: `audit verify-export: ${file} is ${check.message}` };
    return { code: 1, output: `audit export broken at seq ${check.seq}: ${check.message}` };
  }
  const meta = input as { exportedAt: number; exportedBy: { name: string; id: string }; hub: string; filter: Record<string, unknown> };
  const span = check.first === undefined ? 'no records' : check.records === 1 ? `1 record (#${check.first})` : `${check.records} records (#${check.first} to #${check.last})`;
  const filter = Object.keys(meta.filter).length === 0 ? 'none (the whole trail)' : JSON.stringify(meta.filter);
  return {
    code: 0,
    output:
      `audit export intact: ${span}, every hash recomputed; links checked: ${check.links}; gaps where the filter left records out: ${check.gaps}\n` +
      `exported ${formatIsoUtc(meta.exportedAt)} by ${meta.exportedBy.name} (${meta.exportedBy.id}) from ${meta.hub}; filter: ${filter}`,
  };
}
