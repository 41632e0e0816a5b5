import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** Proves the per-layer tsconfigs turn a wrong global into a compile error. */
const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/globals/${name}`, import.meta.url));

function errorsUnder(layer: string, file: string): string[] {
  const configPath = `${root}/${layer}/tsconfig.json`;
  const config = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, `${root}/${layer}`);
  const program = ts.createProgram([fixture(file)], { ...parsed.options, noEmit: true });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.file?.fileName === fixture(file))
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

describe('layer globals', () => {
  it('given shared code touching the DOM, then it does not compile under shared/tsconfig.json', () => {
    expect(errorsUnder('shared', 'uses-dom.ts')).toEqual([expect.stringContaining("Cannot find name 'document'")]);
  });

  it('given shared code touching Node, then it does not compile under shared/tsconfig.json', () => {
    expect(errorsUnder('shared', 'uses-node.ts')).toEqual([expect.stringContaining("Cannot find name 'process'")]);
  });

  it('given hub code touching the DOM, then it does not compile under hub/tsconfig.json', () => {
    expect(errorsUnder('hub', 'uses-dom.ts')).toEqual([expect.stringContaining("Cannot find name 'document'")]);
  });

  it('given renderer code touching Node, then it does not compile under renderer/tsconfig.json', () => {
    expect(errorsUnder('renderer', 'uses-node.ts')).toEqual([expect.stringContaining("Cannot find name 'process'")]);
  });

  it('given pure code, then it compiles under every layer', () => {
    for (const layer of ['shared', 'renderer', 'electron', 'hub']) expect(errorsUnder(layer, 'pure.ts')).toEqual([]);
  });
});
