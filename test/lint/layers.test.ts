import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cruise, type IConfiguration } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

/** Proves the layer rules of `.dependency-cruiser.cjs` bite, on fixtures laid out like the real tree. */
const require = createRequire(import.meta.url);
const config = require('../../.dependency-cruiser.cjs') as IConfiguration;
const fixtures = fileURLToPath(new URL('../fixtures/layers', import.meta.url));

async function violationsOf(file: string): Promise<string[]> {
  const result = await cruise([file], {
    baseDir: fixtures,
    ruleSet: { forbidden: config.forbidden },
    validate: true,
    tsPreCompilationDeps: true,
  });
  if (typeof result.output === 'string') throw new Error(result.output);
  return result.output.summary.violations.map((violation) => `${violation.rule.name}: ${violation.from} -> ${violation.to}`);
}

describe('layer rules', () => {
  it('given a renderer file importing from hub/, then the lint fails with the renderer rule', async () => {
    expect(await violationsOf('renderer/imports-hub.ts')).toEqual([
      'renderer-imports-only-shared: renderer/imports-hub.ts -> hub/secret.ts',
    ]);
  });

  it('given a renderer file importing from electron/, then the lint fails with the renderer rule', async () => {
    expect(await violationsOf('renderer/imports-electron.ts')).toEqual([
      'renderer-imports-only-shared: renderer/imports-electron.ts -> electron/window.ts',
    ]);
  });

  it('given a shared file importing a Node built-in, then the lint fails with the purity rule', async () => {
    expect(await violationsOf('shared/impure.ts')).toEqual(['shared-is-pure: shared/impure.ts -> fs']);
  });

  it('given a renderer file importing from shared/, then the lint passes', async () => {
    expect(await violationsOf('renderer/imports-shared.ts')).toEqual([]);
  });
});
