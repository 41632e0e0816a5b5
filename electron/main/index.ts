import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { IPC_CHANNELS } from '@watchfloor/shared';
import { BrowserWindow, app, ipcMain, net, protocol, session, shell } from 'electron';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  appResponseHeaders,
  isAppUrl,
  resolveAppAsset,
} from './app-protocol';
import { denyAllPermissions, guardNavigation, isSafeExternalUrl } from './guards';
import { registerBridgeHandlers } from './ipc';
import { deskWindowOptions } from './window-options';

/** Thin entry: wires Electron's objects to the tested modules beside this file. */
const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '../renderer');
const preloadPath = path.join(here, '../preload/index.cjs');
const log = { warn: (message: string) => console.warn(`[watchfloor] ${message}`) };

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

async function serveApp(request: Request): Promise<Response> {
  const file = resolveAppAsset(rendererDir, request.url);
  if (file === undefined) return new Response('Not found', { status: 404 });
  const response = await net.fetch(pathToFileURL(file).toString());
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(appResponseHeaders(['http:', 'https:', 'ws:', 'wss:']))) {
    headers.set(name, value);
  }
  return new Response(response.body, { status: response.status, headers });
}

function openDeskWindow(): BrowserWindow {
  const window = new BrowserWindow(deskWindowOptions(preloadPath));
  guardNavigation(window.webContents, (url) => void shell.openExternal(url), log);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

void app.whenReady().then(() => {
  protocol.handle(APP_SCHEME, serveApp);
  denyAllPermissions(session.defaultSession, log);
  registerBridgeHandlers(
    ipcMain,
    {
      [IPC_CHANNELS.appInfo]: () => ({
        version: app.getVersion(),
        platform: process.platform === 'win32' || process.platform === 'darwin' ? process.platform : 'linux',
        desktop: true,
      }),
      [IPC_CHANNELS.openExternal]: async (url) => {
        if (!isSafeExternalUrl(url)) return false;
        await shell.openExternal(url);
        return true;
      },
    },
    isAppUrl,
    log,
  );
  openDeskWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openDeskWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
