import { describe, expect, it, vi } from 'vitest';
import { WALL_MAP_URL, chooseWallDisplay, createWallMap, isWallMapUrl, wallWindowOptions, type WallWindowLike } from './wall-map';
import type { DisplayLike, LayoutMemory, Rectangle } from './window-layouts';

const display = (id: number, x: number): DisplayLike => ({
  id,
  bounds: { x, y: 0, width: 1920, height: 1080 },
  workArea: { x, y: 0, width: 1920, height: 1040 },
});
const primary = display(1, 0);
const second = display(2, 1920);
const third = display(3, 3840);

function fakeWindow() {
  const listeners = new Map<string, () => void>();
  const window: WallWindowLike & { fire(event: string): void; loaded: string[] } = {
    loaded: [],
    on: (event, listener) => listeners.set(event, listener),
    once: (event, listener) => listeners.set(event, listener),
    show: vi.fn(),
    focus: vi.fn(),
    isMinimized: () => false,
    restore: vi.fn(),
    getNormalBounds: () => ({ x: 1930, y: 10, width: 1800, height: 1000 }),
    loadURL: async (url) => void window.loaded.push(url),
    fire: (event) => listeners.get(event)?.(),
  };
  return window;
}

function setup(displays: DisplayLike[], remembered?: Rectangle) {
  const windows: Array<{ options: Parameters<typeof wallWindowOptions>[1] | object; window: ReturnType<typeof fakeWindow> }> = [];
  const blocker = { start: vi.fn(() => 77), stop: vi.fn() };
  const layouts: LayoutMemory = { recall: vi.fn(() => remembered), remember: vi.fn() };
  const deskBounds = { x: 100, y: 100, width: 1600, height: 900 };
  const wallMap = createWallMap({
    screen: {
      getAllDisplays: () => displays,
      getPrimaryDisplay: () => primary,
      getDisplayMatching: (rect) => displays.find((d) => rect.x >= d.bounds.x && rect.x < d.bounds.x + d.bounds.width) ?? primary,
    },
    powerSaveBlocker: blocker,
    layouts,
    preloadPath: '/app/out/preload/index.cjs',
    createWindow: (options) => {
      const window = fakeWindow();
      windows.push({ options, window });
      return window;
    },
    deskBounds: () => deskBounds,
    log: { info: vi.fn(), warn: vi.fn() },
  });
  return { wallMap, windows, blocker, layouts };
}

describe('wall map display choice', () => {
  it('given a second display, then the wall goes there; with three, a non-primary one away from the desk', () => {
    expect(chooseWallDisplay([primary, second], primary, 1)).toEqual({ display: second, secondary: true });
    expect(chooseWallDisplay([primary, second, third], primary, 2)).toEqual({ display: third, secondary: true });
  });

  it('given the desk on a secondary display, then the wall may take the primary', () => {
    expect(chooseWallDisplay([primary, second], primary, 2)).toEqual({ display: primary, secondary: true });
  });

  it('given one display, then the wall shares it', () => {
    expect(chooseWallDisplay([primary], primary, 1)).toEqual({ display: primary, secondary: false });
    expect(chooseWallDisplay([primary], primary, undefined)).toEqual({ display: primary, secondary: false });
  });
});

describe('wall map window', () => {
  it('given the wall options, then it is a secure window that keeps rendering in the background', () => {
    const options = wallWindowOptions('/p.cjs', { x: 1920, y: 0, width: 1920, height: 1040 });
    expect(options).toMatchObject({ x: 1920, width: 1920, show: false });
    expect(options.webPreferences).toMatchObject({
      preload: '/p.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      backgroundThrottling: false,
    });
    expect(isWallMapUrl(WALL_MAP_URL)).toBe(true);
    expect(WALL_MAP_URL).toBe('app://watchfloor/index.html?view=wall');
    expect(isWallMapUrl('app://watchfloor/index.html')).toBe(false);
  });

  it('given "Open wall map", then the wall opens on the other display, loads the wall view and keeps the screen awake', () => {
    const { wallMap, windows, blocker } = setup([primary, second]);
    expect(wallMap.open()).toEqual({ onSecondaryDisplay: true });
    expect(windows).toHaveLength(1);
    expect(windows[0]!.options).toMatchObject({ x: 1920, y: 0, width: 1920, height: 1040 });
    expect(windows[0]!.window.loaded).toEqual([WALL_MAP_URL]);
    expect(blocker.start).toHaveBeenCalledWith('prevent-display-sleep');
  });

  it('given the wall is open, when asked again, then the same window comes forward and no second one opens', () => {
    const { wallMap, windows } = setup([primary, second]);
    wallMap.open();
    wallMap.open();
    expect(windows).toHaveLength(1);
    expect(windows[0]!.window.focus).toHaveBeenCalledTimes(1);
  });

  it('given the wall closes, then its bounds are remembered, the screen may sleep again and it can reopen', () => {
    const { wallMap, windows, blocker, layouts } = setup([primary, second]);
    wallMap.open();
    windows[0]!.window.fire('close');
    windows[0]!.window.fire('closed');
    expect(layouts.remember).toHaveBeenCalledWith('wall', [primary, second], { x: 1930, y: 10, width: 1800, height: 1000 });
    expect(blocker.stop).toHaveBeenCalledWith(77);
    expect(wallMap.isOpen()).toBe(false);
    wallMap.open();
    expect(windows).toHaveLength(2);
  });

  it('given remembered bounds for this display set, then the wall reopens there', () => {
    const { wallMap, windows } = setup([primary, second], { x: 2000, y: 50, width: 1600, height: 900 });
    expect(wallMap.open()).toEqual({ onSecondaryDisplay: true });
    expect(windows[0]!.options).toMatchObject({ x: 2000, y: 50, width: 1600, height: 900 });
  });
});
