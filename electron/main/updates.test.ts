import { describe, expect, it, vi } from 'vitest';
import { planUpdates, startUpdates, type UpdaterLike } from './updates';

function fakeUpdater() {
  return {
    setFeedURL: vi.fn((_options: { provider: 'generic'; url: string }) => undefined),
    autoDownload: false,
    autoInstallOnAppQuit: false,
    logger: undefined as unknown,
    checkForUpdatesAndNotify: vi.fn(async (): Promise<unknown> => null),
  } satisfies UpdaterLike;
}
const log = () => ({ info: vi.fn(), warn: vi.fn() });

describe('updates', () => {
  it("given a packaged build with the bureau's update server, then the generic provider points there and checks", () => {
    const updater = fakeUpdater();
    startUpdates(updater, planUpdates('https://updates.ncb-abuja.example/watchfloor', true), log());
    expect(updater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://updates.ncb-abuja.example/watchfloor' });
    expect(updater.autoInstallOnAppQuit).toBe(true);
    expect(updater.checkForUpdatesAndNotify).toHaveBeenCalledTimes(1);
  });

  it('given no update server or an unpackaged build, then nothing is checked and the reason is logged', () => {
    for (const plan of [planUpdates(undefined, true), planUpdates('https://u.example', false)]) {
      const updater = fakeUpdater();
      const logger = log();
      startUpdates(updater, plan, logger);
      expect(updater.setFeedURL).not.toHaveBeenCalled();
      expect(updater.checkForUpdatesAndNotify).not.toHaveBeenCalled();
      expect(logger.info).toHaveBeenCalledWith(expect.stringMatching(/^updates off: /));
    }
  });

  it('given a feed that is not https, then no feed is set and the setting is named; a loopback test feed is used', () => {
    for (const url of ['http://updates.ncb-abuja.example/watchfloor', 'ftp://updates.example/', 'http://localhost.evil.example/']) {
      const updater = fakeUpdater();
      const logger = log();
      startUpdates(updater, planUpdates(url, true), logger);
      expect(updater.setFeedURL).not.toHaveBeenCalled();
      expect(logger.info).toHaveBeenCalledWith(expect.stringMatching(/^updates off: updateServerUrl .* is not https$/));
    }
    const local = fakeUpdater();
    startUpdates(local, planUpdates('http://127.0.0.1:8080/feed', true), log());
    expect(local.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'http://127.0.0.1:8080/feed' });
  });

  it('given the update server cannot be reached, then the failure is logged, not thrown', async () => {
    const updater = fakeUpdater();
    updater.checkForUpdatesAndNotify.mockRejectedValue(new Error('ENOTFOUND'));
    const logger = log();
    startUpdates(updater, planUpdates('https://u.example', true), logger);
    await vi.waitFor(() => expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('ENOTFOUND')));
  });
});
