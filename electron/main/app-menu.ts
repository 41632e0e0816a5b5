import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu. Keyboard-first officers get accelerators for the wall map; bureau IT finds the logs
 * under Help. Developer tools are only in unpackaged builds.
 */
export interface AppMenuActions {
  openWallMap(): void;
  openLogsFolder(): void;
  showAbout(): void;
}

export function appMenuTemplate(
  actions: AppMenuActions,
  context: { readonly platform: NodeJS.Platform; readonly packaged: boolean },
): MenuItemConstructorOptions[] {
  const mac = context.platform === 'darwin';
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
    ...(context.packaged ? [] : ([{ type: 'separator' }, { role: 'reload' }, { role: 'toggleDevTools' }] as const)),
  ];
  return [
    ...(mac ? [{ role: 'appMenu' } as const] : []),
    { label: '&File', submenu: [mac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    { label: '&View', submenu: view },
    {
      label: '&Window',
      submenu: [
        { label: 'Open wall map', accelerator: 'CmdOrCtrl+Shift+M', click: () => actions.openWallMap() },
        { type: 'separator' },
        { role: 'minimize' },
        ...(mac ? [{ role: 'front' } as const] : []),
      ],
    },
    {
      label: '&Help',
      role: 'help',
      submenu: [
        { label: 'Open logs folder', click: () => actions.openLogsFolder() },
        { type: 'separator' },
        { label: 'About Watchfloor', click: () => actions.showAbout() },
      ],
    },
  ];
}
