import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import asar from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { BureauConfig } from '@watchfloor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeStandInElectron } from './stand-in-electron';

/**
 * Builds the Linux app of one bureau with the real dist script (`BUREAU=cotonou npm run dist -- --linux
 * --dir`), offline, against a stand-in Electron, and inspects what would ship. The build runs in a scratch
 * copy of the project so a concurrent `electron-vite build` in the working tree cannot pull files from
 * under it.
 */
const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../..');
const BUREAU = 'cotonou';

let scratch: string;
let appDir: string;
let entries: string[];

async function ensureBuilt(): Promise<void> {
  const built = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
  if (built.every((file) => existsSync(path.join(repo, file)))) return;
  await run(process.execPath, [path.join(repo, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: repo });
}

/** Copies the built app; retried because another build may be replacing out/ at this very moment. */
function snapshotBuild(target: string): void {
  for (let attempt = 1; ; attempt++) {
    try {
      rmSync(path.join(target, 'out'), { recursive: true, force: true });
      cpSync(path.join(repo, 'out'), path.join(target, 'out'), { recursive: true });
      return;
    } catch (error) {
      if (attempt === 5) throw error;
    }
  }
}

beforeAll(async () => {
  await ensureBuilt();
  scratch = mkdtempSync(path.join(tmpdir(), 'watchfloor-packaging-'));
  const project = path.join(scratch, 'project');
  mkdirSync(path.join(project, 'build'), { recursive: true });
  snapshotBuild(project);
  for (const file of ['package.json', 'electron-builder.yml']) cpSync(path.join(repo, file), path.join(project, file));
  for (const dir of ['build/bureaus', 'shared']) cpSync(path.join(repo, dir), path.join(project, dir), { recursive: true });
  for (const file of ['build/icon.png', 'build/dist.ts', 'build/bureau-build.ts']) cpSync(path.join(repo, file), path.join(project, file));
  symlinkSync(path.join(repo, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  writeStandInElectron(path.join(scratch, 'electron'));

  const output = path.join(scratch, 'dist');
  await run(
    process.execPath,
    [
      path.join(repo, 'node_modules/tsx/dist/cli.mjs'),
      'build/dist.ts',
      '--linux',
      '--dir',
      '--electron-dist',
      path.join(scratch, 'electron'),
      '--output',
      output,
    ],
    {
      cwd: project,
      env: { ...process.env, BUREAU, ELECTRON_BUILDER_OFFLINE: 'true', CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  appDir = path.join(output, 'linux-unpacked');
  entries = asar.listPackage(path.join(appDir, 'resources', 'app.asar'), { isPack: false });
}, 240_000);

afterAll(() => {
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
});

const devDependencies = (): string[] =>
  Object.keys((JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies);

describe('packaged Linux app (electron-builder --dir, offline)', () => {
  it('given the build, then the asar holds the built main, preload and renderer and the package manifest', () => {
    for (const file of ['/out/main/index.js', '/out/preload/index.cjs', '/out/renderer/index.html', '/package.json']) {
      expect(entries, file).toContain(file);
    }
  });

  it("given BUREAU=cotonou, then that bureau's configuration is in resources as bureau.json and is valid", () => {
    const shipped = readFileSync(path.join(appDir, 'resources', 'bureau.json'), 'utf8');
    expect(shipped).toBe(readFileSync(path.join(repo, 'build/bureaus', `${BUREAU}.json`), 'utf8'));
    expect(BureauConfig.parse(JSON.parse(shipped))).toMatchObject({ bureau: BUREAU, country: 'BJ' });
  });

  it('given the asar, then nothing but out/, production node_modules and package.json is inside', () => {
    const topLevel = new Set(entries.map((entry) => entry.split('/')[1]));
    expect([...topLevel].sort()).toEqual(['node_modules', 'out', 'package.json']);
  });

  it('given the asar, then it holds no TypeScript source, source maps or test files', () => {
    expect(entries.filter((entry) => /\.(ts|tsx|mts|cts|map)$/.test(entry))).toEqual([]);
    expect(entries.filter((entry) => /\.(test|spec)\.[cm]?[jt]sx?$/.test(entry))).toEqual([]);
    expect(entries.filter((entry) => /\/(__tests__|tests?)\//.test(entry))).toEqual([]);
  });

  it('given the asar, then no development dependency is inside (type-only @types packages aside)', () => {
    const shipped = new Set(
      entries.flatMap((entry) => /^\/node_modules\/((?:@[^/]+\/)?[^/]+)$/.exec(entry)?.[1] ?? []),
    );
    const tooling = devDependencies().filter((name) => !name.startsWith('@types/'));
    expect(tooling.filter((name) => shipped.has(name))).toEqual([]);
    for (const name of ['vitest', 'playwright-core', 'electron-builder', 'app-builder-lib', 'typescript', 'electron', 'vite']) {
      expect(shipped.has(name), name).toBe(false);
    }
    expect(entries.filter((entry) => entry.startsWith('/node_modules/@types/') && entry.endsWith('.js'))).toEqual([]);
  });

  it('given the packaged manifest, then its npm scripts are stripped', () => {
    const manifest = JSON.parse(asar.extractFile(path.join(appDir, 'resources', 'app.asar'), 'package.json').toString()) as Record<string, unknown>;
    expect(manifest).not.toHaveProperty('scripts');
    expect(manifest.main).toBe('out/main/index.js');
  });

  it('given the Electron binary, then RunAsNode, NODE_OPTIONS and inspect fuses are off and asar-only loading is on', async () => {
    const wire = await getCurrentFuseWire(path.join(appDir, 'watchfloor'));
    const DISABLED = 0x30;
    const ENABLED = 0x31;
    expect(wire[FuseV1Options.RunAsNode]).toBe(DISABLED);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(DISABLED);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(DISABLED);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(DISABLED);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ENABLED);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ENABLED);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ENABLED);
  });
});

