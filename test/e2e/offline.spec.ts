import type { Page } from '@playwright/test';
import { raiseHit } from './checkpoint-feed';
import { CUT_OFF_CONSOLE_ERRORS, serveCutOffConsole, type CutOffConsole } from './cut-off-console';
import { SCREENSHOT_DIR, expect, test } from './fixtures';
import { ConsolePage } from './pages/ConsolePage';
import { OutageBanner } from './pages/OutageBanner';
import { StatusPanel } from './pages/StatusPanel';
import { SignInPage } from './pages/SignInPage';

/**
 * A pulled cable, as a duty officer lives it: the console is served on its own and reaches the demo hub
 * through a proxy the test cuts. Reloading while cut off shows the cached picture; an acknowledgement given
 * meanwhile waits in the outbox and is confirmed once when the hub is reachable again.
 */

// The browser reports the refused and reset connections to the cut-off hub; that is the point here.
test.use({ expectedConsoleErrors: CUT_OFF_CONSOLE_ERRORS });

let cutOff: CutOffConsole;

test.beforeAll(async ({}, testInfo) => {
  cutOff = await serveCutOffConsole(testInfo);
});

test.afterAll(async () => {
  await cutOff?.close();
});

/** Whether the console's local cache (IndexedDB) holds the alert yet: it is written behind the screen. */
function cachedAlert(page: Page, alertId: string): Promise<boolean> {
  return page.evaluate(
    (id) =>
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open('watchfloor-cache');
        open.onerror = () => resolve(false);
        open.onsuccess = () => {
          const db = open.result;
          const read = db.transaction('alerts').objectStore('alerts').get(id);
          read.onsuccess = () => {
            resolve(read.result !== undefined);
            db.close();
          };
          read.onerror = () => resolve(false);
        };
      }),
    alertId,
  );
}

test('given a cut cable, when the officer reloads and acknowledges, then the cached picture shows and the hub confirms the acknowledgement once it is back', async ({ page, request }) => {
  const signIn = new SignInPage(page);
  await page.goto(cutOff.server.url);
  await expect(signIn.hubUrl).toHaveValue(cutOff.proxy.url);
  await signIn.signIn('duty');
  const console = new ConsolePage(page);
  await console.waitUntilLive();
  const hitId = await raiseHit(request, { checkpointId: 'bj-coo', source: 'sltd', score: 0.98, summary: 'Passport reported stolen in BE, presented at departures', recordOwner: 'BE' });
  await expect(await console.find(hitId)).toBeVisible();
  await expect.poll(() => cachedAlert(page, hitId), { message: 'the alert reaches the local cache' }).toBe(true);

  cutOff.proxy.cut();
  await expect(console.connection).toHaveAttribute('data-state', 'reconnecting');
  await page.reload();
  await expect(console.connection).toContainText(/cached picture|Reconnecting/);
  await expect(console.operation).toContainText('HARMATTAN');
  await console.select(hitId);
  await expect(console.detail).toContainText('Cotonou');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/offline-cached-picture.png` });

  await console.acknowledge(hitId);
  const pending = page.getByTestId('pending');
  await expect(pending).toHaveAttribute('data-stage', 'queued');
  await expect(pending).toContainText('Acknowledge queued');
  await expect(console.row(hitId)).toContainText('Queued');
  await expect(console.history).toContainText('Acknowledged by Duty Officer (demo) · not yet confirmed by the hub');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/offline-queued-command.png` });

  cutOff.proxy.restore();
  await console.waitUntilLive();
  await expect(pending).toBeHidden();
  await expect(console.holder()).toHaveText('Duty Officer (demo)');
  await expect(console.history.locator('.history__entry--alert-acknowledged')).toHaveCount(1);
  await expect(console.history).not.toContainText('not yet confirmed');
  await expect(console.refusal).toBeHidden();
});

test('given a live console at 1366x768, when the hub becomes unreachable and comes back, then a banner states the age of the picture, figures say "as of", and the console says when it is live again', async ({ page, request }) => {
  test.setTimeout(180_000);
  for (const viewport of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(viewport);
    const signIn = new SignInPage(page);
    await page.goto(cutOff.server.url);
    if (await signIn.username.isVisible()) await signIn.signIn('duty');
    const console = new ConsolePage(page);
    await console.waitUntilLive();
    await expect(await console.find(await raiseHit(request, { severity: 'high' }))).toBeVisible();
    await page.getByLabel('Search alerts').fill('');
    const outage = new OutageBanner(page);
    const status = new StatusPanel(page);
    await expect(outage.banner).toBeHidden();
    await page.screenshot({ path: `/tmp/shots-b/live-duty-${viewport.width}.png` });

    cutOff.proxy.cut();
    await expect(outage.banner).toHaveAttribute('data-state', 'stale');
    await expect(outage.banner).toContainText(/Hub unreachable.*picture as of \d\d:\d\d:\d\d UTC, \d+s ago/);
    await expect(status.queueClock).toContainText('as of');
    await expect(status.hitRate).toContainText('(as of, not live)');
    await expect(console.queue).not.toContainText('escalating now');
    await expect(console.queue).not.toContainText('escalates in');
    await expect(console.queue).toContainText(/(was )?due \d\d:\d\d:\d\d/);
    const box = await outage.banner.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(viewport.width - 1);
    await page.screenshot({ path: `/tmp/shots-b/outage-${viewport.width}.png` });

    cutOff.proxy.restore();
    await expect(outage.banner).toHaveAttribute('data-state', 'recovered', { timeout: 30_000 });
    await expect(outage.banner).toHaveText('Live again, caught up.');
    await expect(outage.banner).toBeHidden({ timeout: 20_000 });
    await expect(status.queueClock).toContainText('live');
  }
});
