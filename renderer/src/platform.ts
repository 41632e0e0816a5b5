import { AppInfo, BRIDGE_GLOBAL, type WatchfloorBridge } from '@watchfloor/shared';

/** The desktop bridge when running in Electron; undefined in a plain browser (`npm run web`). */
export function desktopBridge(): WatchfloorBridge | undefined {
  return (window as unknown as Record<string, WatchfloorBridge | undefined>)[BRIDGE_GLOBAL];
}

export async function loadAppInfo(): Promise<AppInfo> {
  const bridge = desktopBridge();
  if (bridge === undefined) return { version: import.meta.env.PACKAGE_VERSION ?? 'dev', platform: 'web', desktop: false };
  return AppInfo.parse(await bridge.appInfo());
}
