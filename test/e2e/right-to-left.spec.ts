import { mkdirSync, writeFileSync } from 'node:fs';
import { ar } from '../../renderer/src/i18n/ar';
import { expect, test } from './fixtures';
import { startedHoursAgo } from './hub-log';
import { DebriefExport } from './pages/DebriefExport';
import { signedIn } from './pages/desks';
import { arabicFontWeights, cutNames, documentDirection, edgesOf, servedInArabic } from './pages/RightToLeft';
import { TimelinePage } from './pages/TimelinePage';

/**
 * The console in Arabic: the layout mirrors (queue on the right, detail on the left, map controls in the
 * top-end corner), values keep their own order inside sentences, cut names keep their start, and the
 * timeline still runs left to right, pointer and keys agreeing. Controls are found by their Arabic names.
 */
const SHOTS = '/tmp/rtl';
mkdirSync(SHOTS, { recursive: true });

test.describe.configure({ timeout: 120_000 });

test('given a bureau that sets Arabic, when a shift lead works the console, then the layout mirrors and values and the timeline read whole', async ({ page, request, baseURL }) => {
  await startedHoursAgo(request, baseURL!);
  await page.setViewportSize({ width: 1600, height: 900 });
  await servedInArabic(page);
  const console = await signedIn(page, 'lead');
  await console.waitForMap();
  expect(await documentDirection(page)).toEqual({ dir: 'rtl', lang: 'ar' });
  // The font ships with the console and the page's policy lets it load.
  expect(await arabicFontWeights(page)).toEqual(['400', '600', '700']);

  const map = await edgesOf(console.worldMap);
  const queue = await edgesOf(page.getByRole('region', { name: ar.panels.queue }));
  const detail = await edgesOf(page.getByRole('region', { name: ar.panels.detail }));
  expect(queue.left).toBeGreaterThanOrEqual(map.right);
  expect(detail.right).toBeLessThanOrEqual(map.left);

  const zoomIn = await edgesOf(page.getByRole('button', { name: ar.map.controls.zoomIn }));
  expect(zoomIn.right).toBeLessThan(map.left + (map.right - map.left) / 2);

  // The presence line is Arabic, and any count set into it is isolated from the sentence's direction.
  const presence = page.getByTestId('presence');
  await expect(presence).toContainText('متصل');
  expect((await presence.innerText()).replace(/\u2068[^\u2069]*\u2069/g, '')).not.toMatch(/\d/);

  await console.queue.locator('.queue-row').first().click();
  await expect(console.detail).toHaveAttribute('data-alert-id', /.+/);
  for (const name of await cutNames(console.queue.locator('.queue-row__checkpoint, .queue-row__holder'))) {
    if (/^[A-Za-z]/.test(name.text)) expect(name.firstLetterLeft, `start of "${name.text}"`).toBeLessThanOrEqual(name.box.left + 2);
  }
  await page.screenshot({ path: `${SHOTS}/console.png` });

  await console.press('?');
  await expect(console.shortcutsDialog).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/dialog-shortcuts.png` });
  await console.press('Escape');
  await expect(console.shortcutsDialog).toBeHidden();

  const timeline = new TimelinePage(page);
  await timeline.waitForHistory();
  const bar = await timeline.bar.boundingBox();
  if (bar === null) throw new Error('the timeline bar is not on screen');
  await console.queue.focus();
  await timeline.pause();
  await expect(timeline.mode).toHaveText(ar.replay.controls.pausedMode);
  const clickAt = (fraction: number) => page.mouse.click(bar.x + bar.width * fraction, bar.y + bar.height / 2);
  const live = await timeline.shownTime();
  await clickAt(0.25);
  await expect.poll(() => timeline.shownTime(), { message: 'a click on the bar seeks' }).toBeLessThan(live);
  const early = await timeline.shownTime();
  await clickAt(0.75);
  await expect.poll(() => timeline.shownTime(), { message: 'a point further right on the bar is later' }).toBeGreaterThan(early);
  const late = await timeline.shownTime();

  await timeline.bar.focus();
  await page.keyboard.press('Shift+ArrowLeft');
  await expect.poll(() => timeline.shownTime(), { message: 'the left arrow goes back in time' }).toBeLessThan(late);
  await expect(timeline.bar).toHaveAttribute('aria-busy', 'false');

  const previous = await edgesOf(timeline.controls.getByRole('button', { name: ar.replay.controls.previous }));
  const next = await edgesOf(timeline.controls.getByRole('button', { name: ar.replay.controls.next }));
  expect(previous.right).toBeLessThanOrEqual(next.left);
  await expect(timeline.modeBand).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/replay.png` });

  const exported = await new DebriefExport(page).export();
  writeFileSync(`${SHOTS}/debrief-map.png`, exported.png);
});

test('given a bureau that sets Arabic, when the wall display shows the operation, then its figures and legend mirror and read whole', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  await servedInArabic(page);
  const wall = await signedIn(page, 'wall');
  await wall.waitForMap();
  expect(await documentDirection(page)).toEqual({ dir: 'rtl', lang: 'ar' });
  await page.screenshot({ path: `${SHOTS}/wall.png` });
});
