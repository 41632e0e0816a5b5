import { VIEW_QUERY, WALL_VIEW, type WallMapOpened } from '@watchfloor/shared';
import type { BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY_URL } from './app-protocol';
import { secureWebPreferences } from './window-options';
import type { DisplayLike, LayoutMemory, Rectangle } from './window-layouts';

/**
 * The wall map: a second, read-only window for a wall screen. It goes on a display other than the desk
 * console's when there is one, keeps rendering when it is not focused (nobody ever clicks a wall), and holds
 * a power-save blocker so the screen does not go dark mid-operation.
 */
export const WALL_MAP_URL = `${APP_ENTRY_URL}?${VIEW_QUERY}=${WALL_VIEW}`;

export function isWallMapUrl(url: string): boolean {
  try {
    return new URL(url).searchParams.get(VIEW_QUERY) === WALL_VIEW;
  } catch {
    return false;
  }
}

/**
 * A display other than the desk console's (or, without a desk window, other than the primary), preferring
 * a non-primary one; with a single display the wall map shares it with the console.
 */
export function chooseWallDisplay(
  displays: readonly DisplayLike[],
  primary: DisplayLike,
  deskDisplayId: number | undefined,
): { readonly display: DisplayLike; readonly secondary: boolean } {
  const reference = deskDisplayId ?? primary.id;
  const away = displays.filter((display) => display.id !== reference);
  const display = away.find((candidate) => candidate.id !== primary.id) ?? away[0];
  if (display === undefined) {
    return { display: displays.find((candidate) => candidate.id === reference) ?? primary, secondary: false };
  }
  return { display, secondary: true };
}

export function wallWindowOptions(preloadPath: string, bounds: Rectangle): BrowserWindowConstructorOptions {
  return {
    title: 'Watchfloor wall map',
    ...bounds,
    minWidth: 800,
    minHeight: 450,
    backgroundColor: '#0b0f14',
    show: false,
    autoHideMenuBar: true,
    webPreferences: { ...secureWebPreferences(preloadPath), backgroundThrottling: false },
  };
}

export interface WallWindowLike {
  on(event: 'close' | 'closed', listener: () => void): unknown;
  once(event: 'ready-to-show', listener: () => void): unknown;
  show(): void;
  focus(): void;
  isMinimized(): boolean;
  restore(): void;
  getNormalBounds(): Rectangle;
  loadURL(url: string): Promise<void>;
}

export interface ScreenLike {
  getAllDisplays(): DisplayLike[];
  getPrimaryDisplay(): DisplayLike;
  getDisplayMatching(rect: Rectangle): DisplayLike;
}

export interface PowerSaveBlockerLike {
  start(type: 'prevent-display-sleep'): number;
  stop(id: number): void;
}

export interface WallMapDeps {
  readonly screen: ScreenLike;
  readonly powerSaveBlocker: PowerSaveBlockerLike;
  readonly layouts: LayoutMemory;
  readonly preloadPath: string;
  /** Creates the window with the given options and wires the guards every app window gets. */
  readonly createWindow: (options: BrowserWindowConstructorOptions) => WallWindowLike;
  /** Where the desk console is, to put the wall elsewhere. */
  readonly deskBounds: () => Rectangle | undefined;
  readonly log: { info(message: string): void; warn(message: string): void };
}

export interface WallMap {
  /** Opens the wall map, or brings the open one forward. */
  open(): WallMapOpened;
  isOpen(): boolean;
}

export function createWallMap(deps: WallMapDeps): WallMap {
  let current: { window: WallWindowLike; onSecondaryDisplay: boolean } | undefined;

  return {
    isOpen: () => current !== undefined,
    open() {
      if (current !== undefined) {
        if (current.window.isMinimized()) current.window.restore();
        current.window.focus();
        return { onSecondaryDisplay: current.onSecondaryDisplay };
      }
      const displays = deps.screen.getAllDisplays();
      const primary = deps.screen.getPrimaryDisplay();
      const desk = deps.deskBounds();
      const deskDisplayId = desk === undefined ? undefined : deps.screen.getDisplayMatching(desk).id;
      const remembered = deps.layouts.recall('wall', displays);
      const chosen = chooseWallDisplay(displays, primary, deskDisplayId);
      const bounds = remembered ?? chosen.display.workArea;
      const reference = deskDisplayId ?? primary.id;
      const onSecondaryDisplay =
        remembered === undefined ? chosen.secondary : deps.screen.getDisplayMatching(remembered).id !== reference;

      const window = deps.createWindow(wallWindowOptions(deps.preloadPath, bounds));
      const blocker = deps.powerSaveBlocker.start('prevent-display-sleep');
      const opened = { window, onSecondaryDisplay };
      current = opened;
      window.on('close', () => deps.layouts.remember('wall', deps.screen.getAllDisplays(), window.getNormalBounds()));
      window.on('closed', () => {
        deps.powerSaveBlocker.stop(blocker);
        if (current === opened) current = undefined;
      });
      window.once('ready-to-show', () => window.show());
      void window.loadURL(WALL_MAP_URL).catch((error: unknown) => deps.log.warn(`wall map did not load: ${String(error)}`));
      deps.log.info(`wall map opened on display ${deps.screen.getDisplayMatching(bounds).id}`);
      return { onSecondaryDisplay };
    },
  };
}
