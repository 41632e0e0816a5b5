import { mkdirSync } from 'node:fs';
import { expect, test } from './fixtures';
import { startedHoursAgo } from './hub-log';
import { signedIn } from './pages/desks';
import { StatusPanel } from './pages/StatusPanel';
import { TimelinePage } from './pages/TimelinePage';

/**
 * The shift lead's timeline at the smallest supported screen: docked in view without scrolling, controls on
 * one line, and the whole screen saying when it shows the past rather than live.
 */
const SHOTS = '/tmp/shots-b';
mkdirSync(SHOTS, { recursive: true });

for (const viewport of [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
]) {
  test(`given a shift lead at ${viewport.width}x${viewport.height}, when they pause and return to live by key, then the timeline stays in view on one line and the screen says paused`, async ({ page }) => {
    await page.setViewportSize(viewport);
    const console = await signedIn(page, 'lead');
    const timeline = new TimelinePage(page);
    await timeline.waitForHistory();
    expect(await timeline.withinViewport()).toBe(true);
    expect(await timeline.controlRows()).toBe(1);
    await expect(timeline.mode).toHaveText('Live');
    await expect(timeline.topBarMode).toBeHidden();
    await page.screenshot({ path: `${SHOTS}/live-${viewport.width}.png` });

    await console.queue.focus();
    await timeline.pause();
    await expect(timeline.mode).toHaveText('Paused');
    await expect(timeline.topBarMode).toHaveText('Paused: not live');
    await expect(timeline.modeBand).toContainText('Live view paused at');
    await expect(console.connection).toHaveText('Hub connected');
    // The figures are those of the moment shown, and say so.
    const status = new StatusPanel(page);
    await expect(status.queueClock).toContainText('(moment shown)');
    await expect(status.hitRate).toHaveText(/^\d+ hits? in the 60 s to \d\d:\d\d:\d\d UTC$/);
    expect(await timeline.withinViewport()).toBe(true);
    expect(await timeline.controlRows()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/paused-${viewport.width}.png` });

    await timeline.stepBack();
    await timeline.pause();
    await expect(timeline.mode).toHaveText('Replay');
    await expect(timeline.topBarMode).toHaveText('Replay: not live');
    expect(await timeline.controlRows()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/replay-${viewport.width}.png` });

    await console.queue.focus();
    await timeline.backToLive();
    await expect(timeline.mode).toHaveText('Live');
    await expect(timeline.modeBand).toBeHidden();
    await expect(console.connection).toHaveText('Live');
  });
}

test('given a shift lead, when they open the shortcut sheet, then every timeline key is listed', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const console = await signedIn(page, 'lead');
  await console.press('?');
  const sheet = console.shortcutsDialog.getByTestId('timeline-shortcuts');
  for (const key of ['p', 'l', 't', 'Space', '← / →', 'Shift + ← / →', 'Home / End', 'Shift + drag']) {
    await expect(sheet.locator('kbd', { hasText: key }).first()).toBeVisible();
  }
});

test('given a shift lead zoomed to a range the playhead is not in, when they ask to see it, then the range moves to the playhead', async ({ page, request, baseURL }) => {
  await startedHoursAgo(request, baseURL!);
  await page.setViewportSize({ width: 1366, height: 768 });
  const console = await signedIn(page, 'lead');
  const timeline = new TimelinePage(page);
  await timeline.waitForHistory();
  await expect(timeline.showPlayhead).toBeHidden();
  await timeline.zoomBetween(0.1, 0.4);
  await expect(timeline.showPlayhead).toContainText('is after this range: show it');
  await timeline.showPlayhead.click();
  await expect(timeline.showPlayhead).toBeHidden();
});
