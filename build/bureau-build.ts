import path from 'node:path';
import type { Configuration } from 'electron-builder';
import { BureauConfig } from '../shared/bridge/bureau-config';
import { describeIssues, parseWith } from '../shared/validation';

/**
 * What changes per bureau in an installer, laid over electron-builder.yml: the bureau file shipped as
 * resources/bureau.json, artifact names carrying version and bureau, and the generic update feed on the
 * bureau's own server. Kept apart from build/dist.ts so the packaging test builds the same way.
 */
export const BUREAUS_DIR = 'build/bureaus';

export type LoadedBureau = { readonly ok: true; readonly file: string; readonly config: BureauConfig } | { readonly ok: false; readonly message: string };

export function loadBureau(projectDir: string, bureau: string, readText: (file: string) => string | undefined): LoadedBureau {
  if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(bureau)) {
    return { ok: false, message: `BUREAU must be a short lower-case id such as abuja, not '${bureau}'` };
  }
  const file = path.join(projectDir, BUREAUS_DIR, `${bureau}.json`);
  const text = readText(file);
  if (text === undefined) return { ok: false, message: `no bureau configuration ${file}` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `${file} is not valid JSON (${(error as Error).message})` };
  }
  const parsed = parseWith(BureauConfig, json);
  if (!parsed.ok) return { ok: false, message: `${file} is not valid: ${describeIssues(parsed.issues)}` };
  if (parsed.value.bureau !== bureau) {
    return { ok: false, message: `${file} says bureau '${parsed.value.bureau}'; the file name and the id must agree` };
  }
  return { ok: true, file, config: parsed.value };
}

export function bureauBuildConfig(
  bureau: { readonly file: string; readonly config: BureauConfig },
  options: { readonly outputDir?: string; readonly electronDist?: string; readonly electronVersion?: string } = {},
): Configuration {
  const { config } = bureau;
  return {
    extraResources: [{ from: bureau.file, to: 'bureau.json' }],
    artifactName: `\${productName}-\${version}-${config.bureau}-\${os}-\${arch}.\${ext}`,
    extraMetadata: { watchfloorBureau: config.bureau },
    ...(config.updateServerUrl === undefined ? {} : { publish: [{ provider: 'generic', url: config.updateServerUrl }] }),
    ...(options.outputDir === undefined ? {} : { directories: { output: options.outputDir } }),
    ...(options.electronDist === undefined ? {} : { electronDist: options.electronDist }),
    ...(options.electronVersion === undefined ? {} : { electronVersion: options.electronVersion }),
  };
}
