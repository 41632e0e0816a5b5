import { auditCommand } from './audit/verify-command';
import { verifyExportCommand } from './audit/verify-export-command';
import { NEW_INGEST_KEY_USAGE, newIngestKeyCommand } from './auth/new-ingest-key';
import { hashPassword } from './auth/passwords';
import { readConfig, USAGE } from './config';
import { startHub } from './hub';
import { busyPortMessage, demoUsersLine } from './startup-lines';

/**
 * `npm run hub -- [options]` runs the hub until SIGINT/SIGTERM, then stops it gracefully.
 * `npm run hub -- hash-password` reads a password on stdin and prints the hash for a users file.
 * `npm run hub -- new-ingest-key …` makes a checkpoint system's key and prints its keys-file entry.
 * `npm run hub -- audit verify [--database-url URL [--database-schema S] | --data DIR]` walks the audit
 * trail: exit 0 and "audit trail intact: N records, last hash H", or exit 1 naming the first broken record.
 * `npm run hub -- audit verify-export FILE.json` checks an export from the console's data-protection view.
 */
async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'hash-password') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    const password = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
    if (password.length < 8) {
      console.error('hash-password: give a password of at least 8 characters on standard input.');
      return 2;
    }
    console.log(await hashPassword(password));
    return 0;
  }
  if (argv[0] === 'new-ingest-key') {
    const made = newIngestKeyCommand(argv.slice(1));
    if ('error' in made) {
      console.error(`new-ingest-key: ${made.error}\n\n${NEW_INGEST_KEY_USAGE}`);
      return 2;
    }
    console.log(made.output);
    return 0;
  }
  if (argv[0] === 'audit') {
    const result = argv[1] === 'verify-export' ? await verifyExportCommand(argv.slice(2)) : await auditCommand(argv.slice(1), process.env);
    // The verdict (intact or broken) is the command's output; only a usage or database problem is an error.
    if (result.code <= 1) console.log(result.output);
    else console.error(result.output);
    return result.code;
  }
  const read = readConfig(argv, process.env);
  if ('help' in read) {
    console.log(USAGE);
    return 0;
  }
  if ('error' in read) {
    console.error(`watchfloor hub: ${read.error}\n\n${USAGE}`);
    return 2;
  }
  for (const warning of read.warnings) console.error(`watchfloor hub: warning: ${warning}`);
  const hub = await startHub(read.config).catch((error: unknown) => {
    const busy = busyPortMessage(error, read.config.port, '--port N');
    if (busy === undefined) throw error;
    console.error(`watchfloor hub: ${busy}`);
    return undefined;
  });
  if (hub === undefined) return 1;
  if (read.config.demo) {
    console.error(`Watchfloor hub (demo) on ${hub.url}; users ${demoUsersLine()}${read.config.ingestKey === undefined ? '' : `; ingest key ${read.config.ingestKey}`}`);
  }
  await new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
  });
  await hub.stop();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`watchfloor hub: could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
