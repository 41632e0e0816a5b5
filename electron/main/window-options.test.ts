import { describe, expect, it } from 'vitest';
import { deskWindowOptions } from './window-options';

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
});
