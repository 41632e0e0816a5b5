import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronBinary, MISSING_ELECTRON, nodeProblem, type FileAccess } from './desktop-check';

const dir = path.join('/app', 'node_modules', 'electron');

function files(present: Record<string, string>): FileAccess {
  return { exists: (file) => file in present, read: (file) => present[file] ?? '' };
}

describe('npm start’s checks', () => {
  it('given an electron package without its binary (npm install never fetches it), then no binary is found', () => {
    expect(electronBinary(dir, {}, files({}))).toBeUndefined();
    expect(electronBinary(dir, {}, files({ [path.join(dir, 'path.txt')]: 'electron' }))).toBeUndefined();
  });

  it('given the binary the package names, then that is the one used', () => {
    const binary = path.join(dir, 'dist', 'electron');
    expect(electronBinary(dir, {}, files({ [path.join(dir, 'path.txt')]: 'electron\n', [binary]: '' }))).toBe(binary);
  });

  it('given ELECTRON_OVERRIDE_DIST_PATH, then the binary is looked for there', () => {
    const binary = path.join('/opt/electron', 'electron');
    expect(electronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }, files({ [binary]: '' }))).toBe(binary);
    expect(electronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' }, files({}))).toBeUndefined();
  });

  it('given a missing binary, then the message is one line that points to npm run web', () => {
    expect(MISSING_ELECTRON).not.toContain('\n');
    expect(MISSING_ELECTRON).toContain('npm run web');
  });

  it('given a Node older than Electron’s installer needs, then one line says so and points to npm run web', () => {
    const problem = nodeProblem('v20.19.0');
    expect(problem).toContain('npm run web');
    expect(problem).toContain('20.19.0');
    expect(problem).not.toContain('\n');
    expect(nodeProblem('v22.12.0')).toBeUndefined();
    expect(nodeProblem('v24.1.0')).toBeUndefined();
    expect(nodeProblem('v22.11.0')).toBeDefined();
  });
});
