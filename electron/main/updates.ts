import { UpdateFeedUrl } from '@watchfloor/shared';

/**
 * Updates come from the bureau's own update server (electron-updater's generic provider), never from the
 * internet: workstations in a command centre often reach nothing else. No server configured, or an
 * unpackaged build, means no update checks. The feed says what code the workstation runs next, so it is
 * read over https only (plain http from the workstation itself, for tests); the bureau configuration is
 * refused with such a feed, and a feed that is not is never set.
 */
export interface UpdaterLike {
  setFeedURL(options: { provider: 'generic'; url: string; channel?: string }): void;
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  logger: unknown;
  checkForUpdatesAndNotify(): Promise<unknown>;
}

export type UpdatePlan = { readonly enabled: false; readonly reason: string } | { readonly enabled: true; readonly url: string };

export function planUpdates(updateServerUrl: string | undefined, packaged: boolean): UpdatePlan {
  if (!packaged) return { enabled: false, reason: 'not a packaged build' };
  if (updateServerUrl === undefined) return { enabled: false, reason: 'no updateServerUrl in the bureau configuration' };
  if (!UpdateFeedUrl.safeParse(updateServerUrl).success) return { enabled: false, reason: `updateServerUrl ${updateServerUrl} is not https` };
  return { enabled: true, url: updateServerUrl };
}

export function startUpdates(
  updater: UpdaterLike,
  plan: UpdatePlan,
  log: { info(message: string): void; warn(message: string): void },
): void {
  if (!plan.enabled) {
    log.info(`updates off: ${plan.reason}`);
    return;
  }
  updater.logger = log;
  updater.setFeedURL({ provider: 'generic', url: plan.url });
  updater.autoDownload = true;
  // Installing on quit, never mid-shift: an officer's console does not restart under them.
  updater.autoInstallOnAppQuit = true;
  void updater.checkForUpdatesAndNotify().catch((error: unknown) => log.warn(`update check failed: ${String(error)}`));
}
