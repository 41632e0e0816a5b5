import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { IPC_EVENTS, type BureauConfig, type HubConfig } from '@watchfloor/shared';
import {
  BrowserWindow,
  Menu,
  Notification,
  Tray,
  app,
  ipcMain,
  nativeImage,
  net,
  powerSaveBlocker,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  utilityProcess,
} from 'electron';
import log from 'electron-log/main';
import electronUpdater from 'electron-updater';
import { createAlertDesk, type AlertDesk } from './alert-desk';
import { createAlertPorts } from './alert-ports';
import { appMenuTemplate } from './app-menu';
import { watchfloorIconPng } from './app-icon';
import { APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, appResponseHeaders, isAppUrl, resolveAppAsset } from './app-protocol';
import { desktopBridgeHandlers } from './bridge-handlers';
import { recoverFromCrashes } from './crash-recovery';
import { configLocations, hubConnectSources, loadDesktopConfig, usesEmbeddedHub } from './desktop-config';
import { startEmbeddedHub } from './embedded-hub';
import { configErrorPage, configErrorText, crashLoopPage, hubFailedPage, toDataUrl } from './error-pages';
import { createExternalLinks, type ExternalLinks } from './external-links';
import { denyAllPermissions, guardNavigation } from './guards';
import { registerBridgeHandlers, sendBridgeEvent } from './ipc';
import { configureLogging, logsFolder } from './logging';
import { finishBeforeQuit } from './quit-sequence';
import { bringToFront, claimSingleInstance } from './single-instance';
import { createTokenStore } from './token-store';
import { planUpdates, startUpdates } from './updates';
import { WALL_MAP_URL, createWallMap, type WallMap } from './wall-map';
import { deskWindowOptions, messageWindowOptions } from './window-options';
import { WINDOW_LAYOUTS_FILE, createLayoutMemory } from './window-layouts';

/** Thin entry: wires Electron's objects to the tested modules beside this file. */
const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '../renderer');
const preloadPath = path.join(here, '../preload/index.cjs');
const hubEntry = path.join(here, 'hub.js');

configureLogging(log, { packaged: app.isPackaged });
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

let deskWindow: BrowserWindow | undefined;
let wallMap: WallMap | undefined;
let tray: Tray | undefined;

const openInBrowser = (url: string) => shell.openExternal(url);
/** Pages shown before the bureau configuration is read (its error pages) link nowhere. */
const noExternalLinks = createExternalLinks([], openInBrowser, log);

const readText = (file: string): string | undefined => {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
};

function writeTextAtomically(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, text, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

function showMessagePage(html: string): void {
  const window = new BrowserWindow(messageWindowOptions());
  guardNavigation(window.webContents, noExternalLinks, log);
  void window.loadURL(toDataUrl(html));
}

function installMenu(): void {
  const template = appMenuTemplate(
    {
      openWallMap: () => void wallMap?.open(),
      openLogsFolder: () => void shell.openPath(logsFolder(log)),
      showAbout: () => app.showAboutPanel(),
    },
    { platform: process.platform, packaged: app.isPackaged },
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function serveApp(connectSources: readonly string[]) {
  return async (request: Request): Promise<Response> => {
    const file = resolveAppAsset(rendererDir, request.url);
    if (file === undefined) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(appResponseHeaders(connectSources))) headers.set(name, value);
    return new Response(response.body, { status: response.status, headers });
  };
}

/** Every app window gets the same guards: navigation, window.open and crash recovery. */
function guardAppWindow(window: BrowserWindow, fallbackUrl: string, links: ExternalLinks): void {
  guardNavigation(window.webContents, links, log);
  recoverFromCrashes(window.webContents, {
    fallbackUrl,
    now: Date.now,
    log,
    onGiveUp: () => void window.loadURL(toDataUrl(crashLoopPage(logsFolder(log)))),
  });
}

/** The bureau configuration and the hub to use; undefined after telling the officer why there is none. */
async function configureHub(): Promise<{ config: BureauConfig; hub: HubConfig } | undefined> {
  const loaded = loadDesktopConfig(
    readText,
    configLocations({
      packaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      appPath: app.getAppPath(),
      userDataPath: app.getPath('userData'),
      devBureau: process.env.WATCHFLOOR_BUREAU,
    }),
  );
  if (!loaded.ok) {
    log.error(configErrorText(loaded.problem));
    showMessagePage(configErrorPage(loaded.problem));
    return undefined;
  }
  const config = loaded.config;
  if (loaded.overridden.length > 0) log.info(`workstation settings override: ${loaded.overridden.join(', ')}`);
  startUpdates(electronUpdater.autoUpdater, planUpdates(config.updateServerUrl, app.isPackaged), log);
  const display = { timeZone: config.timeZone, language: config.language, retentionDays: config.retentionDays };
  if (!usesEmbeddedHub(config)) return { config, hub: { url: config.hubUrl, demo: false, ...display } };
  try {
    const dataDir = path.join(app.getPath('userData'), 'hub-data');
    await mkdir(dataDir, { recursive: true });
    const retention = { eventDays: config.retentionDays, ...config.retention };
    const policy = { revealPurposes: config.revealPurposes, handlingLabel: config.handlingLabel };
    const hub = await startEmbeddedHub(utilityProcess.fork, { entry: hubEntry, dataDir, retention, policy, log });
    finishBeforeQuit(app, () => hub.stop(), log);
    hub.onUnexpectedExit((reason) => {
      if (deskWindow !== undefined && !deskWindow.isDestroyed()) void deskWindow.loadURL(toDataUrl(hubFailedPage(reason, logsFolder(log))));
    });
    return { config, hub: { url: hub.url, demo: true, ...display } };
  } catch (error) {
    showMessagePage(hubFailedPage((error as Error).message, logsFolder(log)));
    return undefined;
  }
}

function openDeskWindow(layouts: ReturnType<typeof createLayoutMemory>, links: ExternalLinks): BrowserWindow {
  const window = new BrowserWindow(deskWindowOptions(preloadPath, layouts.recall('desk', screen.getAllDisplays())));
  guardAppWindow(window, APP_ENTRY_URL, links);
  window.once('ready-to-show', () => window.show());
  window.on('focus', () => window.flashFrame(false));
  window.on('close', () => layouts.remember('desk', screen.getAllDisplays(), window.getNormalBounds()));
  window.on('closed', () => {
    if (deskWindow === window) deskWindow = undefined;
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

function createTrayIcon(alertDesk: () => AlertDesk | undefined): Tray | undefined {
  try {
    const created = new Tray(nativeImage.createFromBuffer(watchfloorIconPng(32)));
    created.setContextMenu(
      Menu.buildFromTemplate([
        { label: 'Show Watchfloor', click: () => bringToFront(deskWindow) },
        { label: 'Open wall map', click: () => void wallMap?.open() },
        { label: 'Do not disturb for 30 minutes', click: () => void alertDesk()?.setDoNotDisturb(30) },
        { label: 'End do not disturb', click: () => void alertDesk()?.setDoNotDisturb(0) },
        { type: 'separator' },
        { role: 'quit' },
      ]),
    );
    created.on('click', () => bringToFront(deskWindow));
    return created;
  } catch (error) {
    // Some Linux desktops have no status area; the count then shows in the launcher badge only.
    log.warn(`no tray icon: ${String(error)}`);
    return undefined;
  }
}

async function startDesktop(): Promise<void> {
  installMenu();
  denyAllPermissions(session.defaultSession, log);
  const configured = await configureHub();
  if (configured === undefined) return;
  const { config, hub } = configured;
  const links = createExternalLinks(config.externalLinkHosts ?? [], openInBrowser, log);
  protocol.handle(APP_SCHEME, serveApp(hubConnectSources(hub.url)));

  const userData = app.getPath('userData');
  const layouts = createLayoutMemory(
    () => readText(path.join(userData, WINDOW_LAYOUTS_FILE)),
    (text) => writeTextAtomically(path.join(userData, WINDOW_LAYOUTS_FILE), text),
    log,
  );
  const tokens = createTokenStore({
    safeStorage,
    platform: process.platform,
    file: path.join(userData, 'session-token.bin'),
    log,
    files: {
      read: async (file) => readFile(file).catch(() => undefined),
      write: async (file, data) => {
        await writeFile(`${file}.tmp`, data, { mode: 0o600 });
        await rename(`${file}.tmp`, file);
      },
      remove: (file) => rm(file, { force: true }),
    },
  });
  if (!tokens.persistent()) log.warn('no OS keyring: the session token is kept in memory only');

  let alertDesk: AlertDesk | undefined;
  tray = createTrayIcon(() => alertDesk);
  const icons = {
    idle: nativeImage.createFromBuffer(watchfloorIconPng(32)),
    alerting: nativeImage.createFromBuffer(watchfloorIconPng(32, { alertDot: true })),
    overlay: nativeImage.createFromBuffer(watchfloorIconPng(16, { alertDot: true })),
  };
  alertDesk = createAlertDesk(
    createAlertPorts({
      platform: process.platform,
      timeZone: config.timeZone,
      createNotification: Notification.isSupported() ? (options) => new Notification(options) : undefined,
      tray,
      icons,
      setBadgeCount: (count) => void app.setBadgeCount(count),
      bounceDock: app.dock === undefined ? undefined : () => void app.dock?.bounce('informational'),
      deskWindow: () => deskWindow,
      focusAlert: (alertId) => {
        bringToFront(deskWindow);
        if (deskWindow !== undefined) sendBridgeEvent(deskWindow.webContents, IPC_EVENTS.focusAlert, { alertId });
      },
      log,
    }),
    { sound: config.alertSound ?? false },
  );

  wallMap = createWallMap({
    screen,
    powerSaveBlocker,
    layouts,
    preloadPath,
    log,
    deskBounds: () => deskWindow?.getBounds(),
    createWindow: (options) => {
      const window = new BrowserWindow(options);
      guardAppWindow(window, WALL_MAP_URL, links);
      return window;
    },
  });

  registerBridgeHandlers(
    ipcMain,
    desktopBridgeHandlers({
      appInfo: () => ({
        version: app.getVersion(),
        platform: process.platform === 'win32' || process.platform === 'darwin' ? process.platform : 'linux',
        desktop: true,
      }),
      externalLinks: links,
      hubConfig: () => hub,
      alertDesk,
      openWallMap: () => wallMap!.open(),
      tokens,
    }),
    isAppUrl,
    log,
  );

  deskWindow = openDeskWindow(layouts, links);
  app.on('activate', () => {
    if (deskWindow === undefined) deskWindow = openDeskWindow(layouts, links);
    else bringToFront(deskWindow);
  });
}

if (claimSingleInstance(app, () => bringToFront(deskWindow))) {
  void app.whenReady().then(startDesktop);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
