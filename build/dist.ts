import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import builder from 'electron-builder';
import { bureauBuildConfig, loadBureau } from './bureau-build';

/**
 * `BUREAU=abuja npm run dist [-- --linux|--win|--mac] [--dir] [--electron-dist PATH] [--output DIR]`
 *
 * Builds the installers of one bureau. `--electron-dist` points at an Electron already on disk (an
 * air-gapped build machine, or the packaging test's stand-in) instead of downloading it.
 */
const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    linux: { type: 'boolean', default: false },
    win: { type: 'boolean', default: false },
    mac: { type: 'boolean', default: false },
    dir: { type: 'boolean', default: false },
    'electron-dist': { type: 'string' },
    output: { type: 'string' },
  },
});

const readText = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

const bureau = loadBureau(projectDir, process.env.BUREAU ?? 'demo', readText);
if (!bureau.ok) {
  console.error(`watchfloor dist: ${bureau.message}`);
  process.exit(2);
}

const electronVersion = (JSON.parse(readFileSync(path.join(projectDir, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
const config = bureauBuildConfig(bureau, {
  outputDir: values.output === undefined ? undefined : path.resolve(values.output),
  electronDist: values['electron-dist'] === undefined ? undefined : path.resolve(values['electron-dist']),
  electronVersion,
});

const targets = values.dir ? ['dir'] : [];
const chosen = {
  ...(values.linux ? { linux: targets } : {}),
  ...(values.win ? { win: targets } : {}),
  ...(values.mac ? { mac: targets } : {}),
};
// Without a platform flag electron-builder builds for the platform it runs on.
const platforms = Object.keys(chosen).length > 0 ? chosen : { [process.platform === 'win32' ? 'win' : process.platform === 'darwin' ? 'mac' : 'linux']: targets };

console.log(`watchfloor dist: bureau ${bureau.config.bureau} (${bureau.config.name}), Electron ${electronVersion}`);
await builder.build({ projectDir, config, publish: 'never', ...platforms });
