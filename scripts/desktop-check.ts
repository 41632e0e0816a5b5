import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * What `npm start` checks before it builds anything: that the Electron binary is on disk (`npm install`
 * never downloads it; the electron package fetches it on first use, which needs the internet and a Node
 * its installer supports). Each problem is one line that says what to do instead.
 */

/** Electron 45's installer (@electron/get) needs Node 22.12 or later. */
const DESKTOP_NODE = { major: 22, minor: 12 };

/** Why this Node cannot fetch the Electron binary, in one line; undefined when it can. */
export function nodeProblem(version: string): string | undefined {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  if (major > DESKTOP_NODE.major || (major === DESKTOP_NODE.major && minor >= DESKTOP_NODE.minor)) return undefined;
  return `the Electron binary is not installed, and fetching it needs Node ${DESKTOP_NODE.major}.${DESKTOP_NODE.minor} or later (this is Node ${version.replace(/^v/, '')}); run the console in a browser with \`npm run web\`, or upgrade Node and run \`npm start\` again.`;
}

export interface FileAccess {
  exists(file: string): boolean;
  read(file: string): string;
}

const disk: FileAccess = { exists: existsSync, read: (file) => readFileSync(file, 'utf8') };

/**
 * The Electron executable in the electron package at `packageDir`, as the package itself finds it
 * (`path.txt` names it under `dist/`, or `ELECTRON_OVERRIDE_DIST_PATH` holds it); undefined when absent.
 */
export function electronBinary(packageDir: string, env: NodeJS.ProcessEnv, files: FileAccess = disk): string | undefined {
  const pathFile = path.join(packageDir, 'path.txt');
  const name = files.exists(pathFile) ? files.read(pathFile).trim() : undefined;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override !== undefined && override !== '') {
    const binary = path.join(override, name ?? 'electron');
    return files.exists(binary) ? binary : undefined;
  }
  if (name === undefined || name === '') return undefined;
  const binary = path.join(packageDir, 'dist', name);
  return files.exists(binary) ? binary : undefined;
}

export const MISSING_ELECTRON =
  'the Electron binary is not installed and could not be downloaded (no internet?); run the console in a browser with `npm run web`, or get Electron once online with `npx install-electron --no`.';
