import { raiseHit } from './checkpoint-feed';
import { CUT_OFF_CONSOLE_ERRORS, serveCutOffConsole, type CutOffConsole } from './cut-off-console';
import { expect, test } from './fixtures';
import { signedIn } from './pages/desks';
import { MapPage } from './pages/MapPage';
import { ConsolePage } from './pages/ConsolePage';
import { SignInPage } from './pages/SignInPage';
import { WallPage } from './pages/WallPage';

/**
 * The map framed on the operation and the wall display, at a small desk screen (1366×768), against the
 * embedded demo hub: HARMATTAN, run by Benin and Nigeria with partner airports worldwide.
 */
const SHOTS = '/tmp/shots-c';

test.use({ viewport: { width: 1366, height: 768 }, reducedMotion: 'reduce' });

/** Places of the demo operation, lon/lat. */
const LAGOS = [3.3212, 6.5774] as const;
const KANO = [8.5246, 12.0476] as const;
const ILLELA = [5.2972, 13.7292] as const;
const CALABAR = [8.3197, 4.9592] as const;
const HILLACONDJI = [1.6631, 6.2231] as const;
const PARAKOU = [2.6139, 9.3461] as const;
const ROME = [12.25, 41.8] as const;

test('given the officer scoped to Nigeria, when the console opens, then the map frames Nigeria’s checkpoints and has home, zoom and a legend', async ({ page }) => {
  const console = await signedIn(page, 'abuja');
  const map = new MapPage(page);
  await map.waitUntilReady();
  for (const [lon, lat] of [LAGOS, KANO, ILLELA, CALABAR]) await expect.poll(() => map.shows(lon, lat)).toBe(true);
  expect(await map.shows(...ROME)).toBe(false);
  // The desk's legend is folded over the map until the officer opens it.
  await map.openLegend();
  await expect(map.legend.getByText('Critical', { exact: true })).toBeVisible();
  await expect(map.legend.getByText('Land border', { exact: true })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/console-abuja-1366.png` });

  // Zoomed in by keyboard on the zoom button, the home control brings the frame back.
  await map.zoomIn.focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Space');
  await expect.poll(() => map.shows(...ILLELA)).toBe(false);
  await map.home.click();
  for (const [lon, lat] of [LAGOS, KANO, ILLELA, CALABAR]) await expect.poll(() => map.shows(lon, lat)).toBe(true);
  await expect(console.connection).toHaveAttribute('data-state', 'live');
});

test('given a duty officer, when the console opens, then the map frames Benin and Nigeria, not the partner airports, and a search counts its matches', async ({ page, request }) => {
  const hitId = await raiseHit(request, { checkpointId: 'ng-kan' });
  await signedIn(page, 'duty');
  const map = new MapPage(page);
  await map.waitUntilReady();
  for (const [lon, lat] of [LAGOS, KANO, HILLACONDJI, PARAKOU]) await expect.poll(() => map.shows(lon, lat)).toBe(true);
  expect(await map.shows(...ROME)).toBe(false);
  await page.getByLabel('Search alerts').fill(hitId);
  await expect(page.getByTestId('search-matches')).toHaveText('1 match');
  await page.getByLabel('Search alerts').fill('');
  await page.screenshot({ path: `${SHOTS}/console-duty-1366.png` });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${SHOTS}/console-duty-1920.png` });
});

test('given the wall user, when they sign in, then they land on the wall view with the key figures, framed on Benin and Nigeria', async ({ page, request }) => {
  await raiseHit(request, { checkpointId: 'bj-coo', severity: 'critical' });
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn('wall');
  const wall = new WallPage(page);
  await expect(wall.figures).toBeVisible({ timeout: 30_000 });
  await expect(wall.figure('Open alerts')).toHaveText(/^\d[\d,]*$/);
  await expect(wall.figure('Critical open')).not.toHaveText('0');
  await expect(wall.figure('Unacknowledged')).toHaveText(/^\d[\d,]*$/);
  await expect(wall.figure('Oldest waiting')).toHaveText(/^(\d+h( \d{1,2}m)?|\d+m( \d{1,2}s)?|\d+s|none)$/);
  // A wall has nothing to act on: no queue, no detail.
  await expect(page.getByRole('region', { name: 'Alert queue' })).toHaveCount(0);
  await wall.map.waitUntilReady();
  for (const [lon, lat] of [LAGOS, KANO, HILLACONDJI, PARAKOU]) await expect.poll(() => wall.map.shows(lon, lat)).toBe(true);
  expect(await wall.map.shows(...ROME)).toBe(false);
  await expect(wall.map.legend.getByText('Partner country checkpoint')).toBeVisible();
  // The wall uses the whole screen: the map takes what the figures and the status leave.
  await expect.poll(() => wall.workspaceBottom()).toBe(page.viewportSize()!.height);
  await page.screenshot({ path: `${SHOTS}/wall-1366.png` });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await expect.poll(() => wall.workspaceBottom()).toBe(1080);
  await page.screenshot({ path: `${SHOTS}/wall-1920.png` });
});

test.describe('before the first picture', () => {
  test.use({ expectedConsoleErrors: CUT_OFF_CONSOLE_ERRORS });
  let cutOff: CutOffConsole | undefined;
  test.afterEach(async () => cutOff?.close());

  test('given the hub’s first picture has not arrived, then the queue says it is loading, not that there are no alerts', async ({ page }, testInfo) => {
    cutOff = await serveCutOffConsole(testInfo);
    const signIn = new SignInPage(page);
    await page.goto(cutOff.server.url);
    await expect(signIn.hubUrl).toHaveValue(cutOff.proxy.url);
    // Signed in, the hub's answers then stall on the way (held, not lost) until the loading state was seen.
    const signedInAnswer = page.waitForResponse((response) => response.url().endsWith('/api/v1/session'));
    await signIn.signIn('duty');
    await signedInAnswer;
    cutOff.proxy.blackhole('to-client', { hold: true });
    const console = new ConsolePage(page);
    await expect(console.queueLoading).toBeVisible({ timeout: 30_000 });
    await expect(console.queue).not.toContainText('No alerts match');
    // No count pretends to be known yet.
    await expect(page.getByTestId('count-critical')).toHaveText('–');
    await page.screenshot({ path: `${SHOTS}/console-loading-1366.png` });
    cutOff.proxy.restore();
    await console.waitUntilLive();
    await expect(console.queueLoading).toHaveCount(0);
  });
});
