import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { electronBinary, MISSING_ELECTRON, nodeProblem } from './desktop-check';

/**
 * The first step of `npm start`: checks that the Electron binary is on disk before anything is built, and
 * fetches it once if missing, as the electron package would (its installer needs a recent Node and the
 * internet). A problem is one line pointing to `npm run web` and exit code 1, never a stack trace.
 */
function fail(message: string): never {
  console.error(`watchfloor start: ${message}`);
  process.exit(1);
}

const packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
if (electronBinary(packageDir, process.env) === undefined) {
  const nodeTooOld = nodeProblem(process.version);
  if (nodeTooOld !== undefined) fail(nodeTooOld);
  console.log('Fetching the Electron binary (once; needs the internet)…');
  const fetched = spawnSync(process.execPath, [path.join(packageDir, 'install.js')], { stdio: 'ignore', timeout: 300_000 });
  if (fetched.status !== 0 || electronBinary(packageDir, process.env) === undefined) fail(MISSING_ELECTRON);
}
