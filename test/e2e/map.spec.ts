import { SCREENSHOT_DIR, expect, test } from './fixtures';
import { MapPage } from './pages/MapPage';

// Fewer frames for the software rasteriser: the new-critical pulse becomes a steady ring.
test.use({ reducedMotion: 'reduce' });

test('given the map harness with 5,000 hits, when an officer opens it, then land, checkpoints and hits are drawn offline', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  const map = new MapPage(page);
  await map.open();
  await expect.poll(() => map.nonBackgroundShare(), { timeout: 20_000 }).toBeGreaterThan(0.2);
  expect(requests.filter((url) => !url.startsWith('http://127.0.0.1:'))).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/map.png` });
});

test('given the map, when the officer hovers a critical hit and clicks it, then a worded tooltip shows and the alert is selected', async ({ page }) => {
  const map = new MapPage(page);
  await map.open();
  const target = await map.targetHit();
  await page.mouse.move(target.x - 40, target.y - 40);
  await page.mouse.move(target.x, target.y, { steps: 4 });
  await expect(map.tooltip).toBeVisible();
  await expect(map.tooltip).toContainText('Critical');
  await expect(map.tooltip).toContainText('Red notice');
  await expect(map.tooltip).toContainText('UTC');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/map-tooltip.png` });
  await page.mouse.click(target.x, target.y);
  await expect(map.selectedAlert).toHaveText(target.id);
});

test('given hits piled up at one checkpoint, when the officer clicks its count badge, then a list of its open alerts opens and selects the one chosen', async ({ page }) => {
  const map = new MapPage(page);
  await map.open();
  const badge = await map.targetBadge();
  await page.mouse.move(badge.x, badge.y);
  await expect(map.tooltip).toContainText(/\d+ open alerts here/);
  await page.mouse.click(badge.x, badge.y);
  await expect(map.pile).toBeVisible();
  await expect(map.pile).toContainText(/\d+ open alerts here/);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/map-pile.png` });
  await map.pile.getByRole('button', { name: /Critical/ }).first().click();
  await expect(map.selectedAlert).not.toHaveText('-');
  await map.pile.focus();
  await page.keyboard.press('Escape');
  await expect(map.pile).toBeHidden();
});
