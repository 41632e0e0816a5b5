import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { appMenuTemplate } from './app-menu';

const find = (items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions | undefined => {
  for (const item of items) {
    if (item.label === label) return item;
    const inner = Array.isArray(item.submenu) ? find(item.submenu, label) : undefined;
    if (inner) return inner;
  }
  return undefined;
};
const roles = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);

function setup(packaged: boolean, platform: NodeJS.Platform = 'linux') {
  const actions = { openWallMap: vi.fn(), openLogsFolder: vi.fn(), showAbout: vi.fn() };
  return { actions, menu: appMenuTemplate(actions, { platform, packaged }) };
}

describe('application menu', () => {
  it('given the menu, then Window has "Open wall map" with a shortcut and Help has "Open logs folder"', () => {
    const { actions, menu } = setup(true);
    const wall = find(menu, 'Open wall map')!;
    expect(wall.accelerator).toBe('CmdOrCtrl+Shift+M');
    (wall.click as () => void)();
    (find(menu, 'Open logs folder')!.click as () => void)();
    expect(actions.openWallMap).toHaveBeenCalledTimes(1);
    expect(actions.openLogsFolder).toHaveBeenCalledTimes(1);
    expect(find(menu, '&Help')!.submenu).toEqual(expect.arrayContaining([expect.objectContaining({ label: 'Open logs folder' })]));
  });

  it('given a packaged build, then there are no developer tools; unpackaged, then there are', () => {
    expect(roles(setup(true).menu)).not.toContain('toggleDevTools');
    expect(roles(setup(false).menu)).toContain('toggleDevTools');
  });

  it('given macOS, then the app menu comes first', () => {
    expect(setup(true, 'darwin').menu[0]).toEqual({ role: 'appMenu' });
  });
});
