import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configLocations, hubConnectSources, loadDesktopConfig, usesEmbeddedHub } from './desktop-config';

const bureau = {
  bureau: 'cotonou',
  name: 'NCB Cotonou',
  hubUrl: 'https://hub.ncb-cotonou.example',
  country: 'BJ',
  language: 'fr',
  timeZone: 'Africa/Porto-Novo',
  retentionDays: 14,
  updateServerUrl: 'https://updates.ncb-cotonou.example/watchfloor',
};
const locations = { bureauFile: '/opt/Watchfloor/resources/bureau.json', settingsFile: '/home/o/.config/Watchfloor/settings.json' };

/** Files as a map; a missing key is a missing file. */
const files = (contents: Record<string, unknown>) => (file: string) => {
  const value = contents[file];
  return value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value);
};

describe('desktop configuration', () => {
  it('given a valid bureau file and no workstation settings, then the bureau settings apply', () => {
    const loaded = loadDesktopConfig(files({ [locations.bureauFile]: bureau }), locations);
    expect(loaded).toEqual({ ok: true, config: bureau, overridden: [] });
  });

  it('given workstation settings, then they are merged over the bureau settings', () => {
    const loaded = loadDesktopConfig(
      files({ [locations.bureauFile]: bureau, [locations.settingsFile]: { language: 'en', alertSound: true } }),
      locations,
    );
    expect(loaded).toMatchObject({ ok: true, config: { ...bureau, language: 'en', alertSound: true }, overridden: ['language', 'alertSound'] });
  });

  it('given a wrong field in the bureau file, then the problem names the file and the field', () => {
    const loaded = loadDesktopConfig(files({ [locations.bureauFile]: { ...bureau, timeZone: 'Cotonou' } }), locations);
    expect(loaded).toEqual({
      ok: false,
      problem: { file: locations.bureauFile, issues: [{ path: 'timeZone', message: expect.stringMatching(/IANA time zone/) }] },
    });
  });

  it('given a missing bureau file or broken JSON, then the problem says so', () => {
    expect(loadDesktopConfig(files({}), locations)).toMatchObject({
      ok: false,
      problem: { file: locations.bureauFile, issues: [{ path: '', message: expect.stringMatching(/missing/) }] },
    });
    expect(loadDesktopConfig(files({ [locations.bureauFile]: '{"bureau": ' }), locations)).toMatchObject({
      ok: false,
      problem: { issues: [{ message: expect.stringMatching(/not valid JSON/) }] },
    });
  });

  it('given a bureau file with a plain-http update feed, then it is refused naming the file and updateServerUrl', () => {
    const loaded = loadDesktopConfig(files({ [locations.bureauFile]: { ...bureau, updateServerUrl: 'http://updates.ncb-cotonou.example/watchfloor' } }), locations);
    expect(loaded).toEqual({
      ok: false,
      problem: { file: locations.bureauFile, issues: [{ path: 'updateServerUrl', message: expect.stringMatching(/https/) }] },
    });
  });

  it('given workstation settings that try to change the update server, then the settings file is reported', () => {
    const loaded = loadDesktopConfig(
      files({ [locations.bureauFile]: bureau, [locations.settingsFile]: { updateServerUrl: 'https://evil.example' } }),
      locations,
    );
    expect(loaded).toMatchObject({ ok: false, problem: { file: locations.settingsFile } });
  });

  it('given packaged and unpackaged runs, then the bureau file comes from resources or build/bureaus', () => {
    const where = { resourcesPath: '/opt/W/resources', appPath: '/src/watchfloor', userDataPath: '/u', devBureau: undefined };
    expect(configLocations({ ...where, packaged: true }).bureauFile).toBe(path.join('/opt/W/resources', 'bureau.json'));
    expect(configLocations({ ...where, packaged: false }).bureauFile).toBe(path.join('/src/watchfloor/build/bureaus/demo.json'));
    expect(configLocations({ ...where, packaged: false, devBureau: 'abuja' }).bureauFile).toBe(
      path.join('/src/watchfloor/build/bureaus/abuja.json'),
    );
    expect(configLocations({ ...where, packaged: false, devBureau: '../../etc/x' }).bureauFile).toMatch(/demo\.json$/);
    expect(configLocations({ ...where, packaged: true }).settingsFile).toBe(path.join('/u', 'settings.json'));
  });

  it('given the hub setting, then "demo" means the embedded hub and the CSP allows only the hub origin', () => {
    expect(usesEmbeddedHub({ ...bureau, hubUrl: 'demo' })).toBe(true);
    expect(usesEmbeddedHub(bureau)).toBe(false);
    expect(hubConnectSources('https://hub.ncb-cotonou.example/')).toEqual([
      'https://hub.ncb-cotonou.example',
      'wss://hub.ncb-cotonou.example',
    ]);
    expect(hubConnectSources('http://127.0.0.1:41234')).toEqual(['http://127.0.0.1:41234', 'ws://127.0.0.1:41234']);
  });
});
