import { describe, expect, it } from 'vitest';
import { deskWindowOptions, messageWindowOptions } from './window-options';

describe('desk window options', () => {
  it('given the desk window, then isolation, sandbox and no Node integration are explicit', () => {
    const options = deskWindowOptions('/app/out/preload/index.cjs');
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('given the desk window, then it starts hidden on the dark background to avoid a white flash', () => {
    expect(deskWindowOptions('p')).toMatchObject({ show: false, backgroundColor: '#0b0f14' });
  });

  it('given remembered bounds, then the desk window opens there', () => {
    expect(deskWindowOptions('p', { x: 10, y: 20, width: 1200, height: 800 })).toMatchObject({ x: 10, y: 20, width: 1200, height: 800 });
  });

  it("given the shell's own message window, then it has no preload (no bridge) and the same isolation", () => {
    const options = messageWindowOptions();
    expect(options.webPreferences).not.toHaveProperty('preload');
    expect(options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
  });
});
