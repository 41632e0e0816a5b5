import { raiseHit } from './checkpoint-feed';
import { expect, test } from './fixtures';
import { signedIn } from './pages/desks';
import { StatusPanel } from './pages/StatusPanel';

/** Every figure on the console counted from the picture the queue shows, scoped as the officer is. */
test.use({ viewport: { width: 1366, height: 768 } });

test('given hits posted, when the console shows them, then the status figures and the queue counts agree and move together', async ({ page, request }) => {
  const console = await signedIn(page, 'lead');
  const status = new StatusPanel(page);
  await expect.poll(async () => (await status.figure('open')) === (await status.queueOpen())).toBe(true);
  const hitsBefore = await status.figure('hits');
  const openBefore = await status.figure('open');

  const posted = [await raiseHit(request, { severity: 'critical' }), await raiseHit(request), await raiseHit(request, { checkpointId: 'bj-coo' })];
  for (const id of posted) await expect(await console.find(id)).toBeVisible();
  await page.getByLabel('Search alerts').fill('');
  // The simulator may add hits of its own meanwhile: what is checked is that the figures agree with each other.
  await expect.poll(() => status.figure('hits')).toBeGreaterThanOrEqual(hitsBefore + 3);
  await expect.poll(() => status.figure('open')).toBeGreaterThanOrEqual(openBefore + 3);
  await expect.poll(async () => (await status.figure('open')) === (await status.queueOpen())).toBe(true);
  await expect.poll(async () => (await status.figure('critical')) === Number(await page.getByTestId('count-critical').textContent())).toBe(true);
  await expect(status.hitRate).toHaveText(/^\d+ hits? in the last 60 s$/);
  await expect(status.queueClock).toHaveText(/^Ages and deadlines at \d\d:\d\d:\d\d UTC \(live\)$/);
  await expect(status.counter('checks')).toBeVisible();
  await expect(status.panel).toContainText('Operation report');
});

test('given a country-scoped officer, when the status shows, then only figures of their own alerts are there, none of the whole operation', async ({ page, request }) => {
  const console = await signedIn(page, 'abuja');
  const status = new StatusPanel(page);
  const ours = await raiseHit(request, { recordOwner: 'NG' });
  await expect(await console.find(ours)).toBeVisible();
  await page.getByLabel('Search alerts').fill('');
  await expect(status.counter('hits')).toBeVisible();
  await expect(status.counter('checks')).toHaveCount(0);
  await expect(status.counter('victimsRescued')).toHaveCount(0);
  await expect.poll(async () => (await status.figure('open')) === (await status.queueOpen())).toBe(true);
});
