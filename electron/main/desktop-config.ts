import path from 'node:path';
import { BureauConfig, UserOverrides, parseWith, type ValidationIssue } from '@watchfloor/shared';

/**
 * The bureau's configuration as the desktop app uses it: `bureau.json` shipped in the installer's resources,
 * with the workstation's `settings.json` from the user-data folder merged over it. A bad file is reported
 * with the file and the fields at fault; the app then shows that instead of starting half-configured.
 */
export const BUREAU_CONFIG_FILE = 'bureau.json';
export const USER_SETTINGS_FILE = 'settings.json';

export interface ConfigProblem {
  readonly file: string;
  readonly issues: readonly ValidationIssue[];
}
export type LoadedConfig =
  | { readonly ok: true; readonly config: BureauConfig; readonly overridden: readonly string[] }
  | { readonly ok: false; readonly problem: ConfigProblem };

/** Reads a text file; undefined when it does not exist. */
export type ReadTextFile = (file: string) => string | undefined;

export interface ConfigLocations {
  readonly bureauFile: string;
  readonly settingsFile: string;
}

/**
 * Packaged, the bureau file is the one electron-builder copied into resources. Unpackaged (`npm start`), it
 * is an example from build/bureaus, `WATCHFLOOR_BUREAU` or the demo one.
 */
export function configLocations(where: {
  readonly packaged: boolean;
  readonly resourcesPath: string;
  readonly appPath: string;
  readonly userDataPath: string;
  readonly devBureau: string | undefined;
}): ConfigLocations {
  const devBureau = where.devBureau !== undefined && /^[a-z0-9-]+$/.test(where.devBureau) ? where.devBureau : 'demo';
  return {
    bureauFile: where.packaged
      ? path.join(where.resourcesPath, BUREAU_CONFIG_FILE)
      : path.join(where.appPath, 'build', 'bureaus', `${devBureau}.json`),
    settingsFile: path.join(where.userDataPath, USER_SETTINGS_FILE),
  };
}

export function loadDesktopConfig(readTextFile: ReadTextFile, locations: ConfigLocations): LoadedConfig {
  const bureauText = readTextFile(locations.bureauFile);
  if (bureauText === undefined) {
    return problem(locations.bureauFile, '', 'the file is missing; the installer should have placed it there');
  }
  const bureauJson = parseJson(bureauText);
  if (!bureauJson.ok) return problem(locations.bureauFile, '', bureauJson.message);
  const bureau = parseWith(BureauConfig, bureauJson.value);
  if (!bureau.ok) return { ok: false, problem: { file: locations.bureauFile, issues: bureau.issues } };

  const settingsText = readTextFile(locations.settingsFile);
  if (settingsText === undefined) return { ok: true, config: bureau.value, overridden: [] };
  const settingsJson = parseJson(settingsText);
  if (!settingsJson.ok) return problem(locations.settingsFile, '', settingsJson.message);
  const overrides = parseWith(UserOverrides, settingsJson.value);
  if (!overrides.ok) return { ok: false, problem: { file: locations.settingsFile, issues: overrides.issues } };
  const overridden = Object.keys(overrides.value).filter((key) => overrides.value[key as keyof UserOverrides] !== undefined);
  return { ok: true, config: { ...bureau.value, ...overrides.value }, overridden };
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: `not valid JSON (${(error as Error).message})` };
  }
}

function problem(file: string, field: string, message: string): LoadedConfig {
  return { ok: false, problem: { file, issues: [{ path: field, message }] } };
}

/** The demo setting, or no hub at all, means the embedded hub. */
export function usesEmbeddedHub(config: BureauConfig): boolean {
  return config.hubUrl === 'demo';
}

/**
 * What the CSP's connect-src allows in the desktop app: the hub's origin over HTTP and its websocket twin,
 * nothing else, so a compromised page cannot send data anywhere but the hub.
 */
export function hubConnectSources(hubUrl: string): string[] {
  const origin = new URL(hubUrl);
  const socket = origin.protocol === 'https:' ? 'wss:' : 'ws:';
  return [origin.origin, `${socket}//${origin.host}`];
}
