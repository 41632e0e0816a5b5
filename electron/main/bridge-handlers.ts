import { IPC_CHANNELS, type AppInfo, type HubConfig, type WallMapOpened } from '@watchfloor/shared';
import type { AlertDesk } from './alert-desk';
import type { ExternalLinks } from './external-links';
import { IpcRefusal, type BridgeHandlers } from './ipc';
import type { TokenStore } from './token-store';
import { isWallMapUrl } from './wall-map';

/**
 * What each bridge channel does in the desktop app. The wall map is read-only: it may read the hub and the
 * session like any window, but it does not report alerts (the desk console does, once) and cannot change
 * the officer's do-not-disturb.
 */
export interface DesktopServices {
  appInfo(): AppInfo;
  readonly externalLinks: ExternalLinks;
  hubConfig(): HubConfig;
  readonly alertDesk: AlertDesk;
  openWallMap(): WallMapOpened;
  readonly tokens: TokenStore;
}

export function desktopBridgeHandlers(services: DesktopServices): BridgeHandlers {
  const deskOnly = (channel: string, frameUrl: string) => {
    if (isWallMapUrl(frameUrl)) throw new IpcRefusal(`${channel}: the wall map is read-only`);
  };
  return {
    [IPC_CHANNELS.appInfo]: () => services.appInfo(),
    [IPC_CHANNELS.openExternal]: (url) => services.externalLinks.open(url),
    [IPC_CHANNELS.hubConfig]: () => services.hubConfig(),
    [IPC_CHANNELS.reportAlerts]: (summary, caller) => {
      // Both windows show the same alerts; counting the wall's report too would notify twice.
      if (!isWallMapUrl(caller.frameUrl)) services.alertDesk.report(summary);
      return undefined;
    },
    [IPC_CHANNELS.setDoNotDisturb]: (minutes, caller) => {
      deskOnly(IPC_CHANNELS.setDoNotDisturb, caller.frameUrl);
      return services.alertDesk.setDoNotDisturb(minutes);
    },
    [IPC_CHANNELS.doNotDisturb]: () => services.alertDesk.doNotDisturb(),
    [IPC_CHANNELS.openWallMap]: () => services.openWallMap(),
    [IPC_CHANNELS.tokenSave]: (token) => services.tokens.save(token),
    [IPC_CHANNELS.tokenLoad]: () => services.tokens.load(),
    [IPC_CHANNELS.tokenClear]: async () => {
      await services.tokens.clear();
      return undefined;
    },
  };
}
