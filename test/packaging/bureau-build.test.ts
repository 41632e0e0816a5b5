import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bureauBuildConfig, loadBureau } from '../../build/bureau-build';

const projectDir = path.resolve(import.meta.dirname, '../..');
const readText = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

describe('bureau build configuration', () => {
  it('given each example bureau, then it is valid and its id matches its file', () => {
    for (const bureau of ['demo', 'abuja', 'cotonou']) {
      const loaded = loadBureau(projectDir, bureau, readText);
      expect(loaded.ok, bureau).toBe(true);
    }
  });

  it('given a bureau, then its file ships as bureau.json, artifacts name version and bureau, updates use its server', () => {
    const loaded = loadBureau(projectDir, 'abuja', readText);
    if (!loaded.ok) throw new Error(loaded.message);
    const config = bureauBuildConfig(loaded, { outputDir: '/tmp/out' });
    expect(config.extraResources).toEqual([{ from: path.join(projectDir, 'build/bureaus/abuja.json'), to: 'bureau.json' }]);
    expect(config.artifactName).toBe('${productName}-${version}-abuja-${os}-${arch}.${ext}');
    expect(config.publish).toEqual([{ provider: 'generic', url: 'https://updates.ncb-abuja.example/watchfloor' }]);
    expect(config.directories).toEqual({ output: '/tmp/out' });
  });

  it('given the demo bureau without an update server, then no update feed is configured', () => {
    const loaded = loadBureau(projectDir, 'demo', readText);
    if (!loaded.ok) throw new Error(loaded.message);
    expect(bureauBuildConfig(loaded)).not.toHaveProperty('publish');
  });

  it('given a missing, unsafe or invalid bureau, then the build stops with the reason', () => {
    expect(loadBureau(projectDir, 'nowhere', readText)).toMatchObject({ ok: false, message: expect.stringMatching(/no bureau configuration/) });
    expect(loadBureau(projectDir, '../etc', readText)).toMatchObject({ ok: false, message: expect.stringMatching(/short lower-case id/) });
    const broken = (file: string) => (file.endsWith('lagos.json') ? JSON.stringify({ bureau: 'lagos', country: 'Nigeria' }) : undefined);
    expect(loadBureau(projectDir, 'lagos', broken)).toMatchObject({ ok: false, message: expect.stringMatching(/country/) });
    const mislabelled = (file: string) => readText(file.replace('ikeja.json', 'abuja.json'));
    expect(loadBureau(projectDir, 'ikeja', mislabelled)).toMatchObject({ ok: false, message: expect.stringMatching(/must agree/) });
  });
});
