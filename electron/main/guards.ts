import { isAppUrl } from './app-protocol';
import type { ExternalLinks } from './external-links';

/**
 * Deny-by-default edges of a window: no navigation away from the app's origin, no new windows, no
 * permission or device grants. Links to allowed hosts go to the system browser (see external-links).
 */
export interface NavigationEventLike {
  preventDefault(): void;
}
export interface WebContentsLike {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: NavigationEventLike, url: string) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}
export interface SessionLike {
  setPermissionRequestHandler(
    handler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null,
  ): void;
  setPermissionCheckHandler(handler: ((contents: unknown, permission: string) => boolean) | null): void;
  setDevicePermissionHandler?(handler: ((details: unknown) => boolean) | null): void;
}

export function guardNavigation(contents: WebContentsLike, links: ExternalLinks, log: { warn(message: string): void }): void {
  const blockForeign = (event: NavigationEventLike, url: string) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    log.warn(`navigation to ${url} blocked`);
  };
  contents.on('will-navigate', blockForeign);
  contents.on('will-redirect', blockForeign);
  contents.setWindowOpenHandler(({ url }) => {
    links.open(url);
    return { action: 'deny' };
  });
}

export function denyAllPermissions(session: SessionLike, log: { warn(message: string): void }): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log.warn(`permission request '${permission}' denied`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler?.(() => false);
}
