import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * Options of every app window. Security settings are spelled out even where they are Electron's defaults,
 * so a reader (and a test) sees them and a future default change cannot weaken them.
 */
export function secureWebPreferences(preloadPath: string): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  };
}

export function deskWindowOptions(
  preloadPath: string,
  bounds?: { x: number; y: number; width: number; height: number },
): BrowserWindowConstructorOptions {
  return {
    title: 'Watchfloor',
    width: 1600,
    height: 960,
    ...bounds,
    minWidth: 1100,
    minHeight: 700,
    backgroundColor: '#0b0f14',
    show: false,
    autoHideMenuBar: false,
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/** A window for the shell's own pages (configuration error, crash loop): no preload, so no bridge at all. */
export function messageWindowOptions(): BrowserWindowConstructorOptions {
  const { preload: _none, ...webPreferences } = secureWebPreferences('');
  return {
    title: 'Watchfloor',
    width: 880,
    height: 560,
    backgroundColor: '#0b0f14',
    show: true,
    webPreferences,
  };
}
