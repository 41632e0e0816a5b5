import { parseArgs } from 'node:util';
import { describeIssues, parseWith } from '@watchfloor/shared';
import { IngestKeyEntry, hashIngestKey, newIngestKey } from './ingest-keys';

/**
 * `npm run hub -- new-ingest-key --id ID --name NAME --checkpoints A,B --countries NG`: makes a checkpoint
 * system's key. The key is shown once, for the feeder's configuration; the keys file gets only its hash.
 */
export const NEW_INGEST_KEY_USAGE = `Usage: npm run hub -- new-ingest-key --id ID --name NAME [--checkpoints A,B] [--countries NG,BJ]
  Prints a new key (give it to the checkpoint system, it is not shown again) and the entry to add to the
  hub's keys file (--ingest-keys). Give checkpoints, countries or both: the key may post only for those.`;

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value.split(',').map((item) => item.trim()).filter((item) => item.length > 0);
}

export function newIngestKeyCommand(argv: readonly string[]): { readonly output: string } | { readonly error: string } {
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      options: { id: { type: 'string' }, name: { type: 'string' }, checkpoints: { type: 'string' }, countries: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return { error: (error as Error).message };
  }
  const key = newIngestKey();
  const checkpoints = list(values.checkpoints);
  const countries = list(values.countries);
  const entry = parseWith(IngestKeyEntry, {
    id: values.id,
    name: values.name,
    keyHash: hashIngestKey(key),
    ...(checkpoints ? { checkpoints } : {}),
    ...(countries ? { countries } : {}),
  });
  if (!entry.ok) return { error: describeIssues(entry.issues) };
  return {
    output: [
      `Key for ${entry.value.id} (shown once; configure the checkpoint system to send Authorization: Bearer <key>):`,
      key,
      '',
      'Add this entry to the hub\'s keys file; the hub picks it up without a restart:',
      JSON.stringify(entry.value, undefined, 2),
    ].join('\n'),
  };
}
