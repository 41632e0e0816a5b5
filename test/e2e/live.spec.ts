import { raiseHit } from './checkpoint-feed';
import { SCREENSHOT_DIR, expect, test } from './fixtures';
import { ConsolePage } from './pages/ConsolePage';
import { otherDesk, signedIn } from './pages/desks';
import { SignInPage } from './pages/SignInPage';
import { WallPage } from './pages/WallPage';

/**
 * The live picture as officers use it, against the real embedded demo hub started by `npm run web`. The
 * hits a test reasons about are posted through the hub's ingest API, as a checkpoint system would.
 */
test.describe('sign-in failures', () => {
  // The console's CSP lets it connect only to the hub that served it, so another hub is refused in the browser.
  test.use({ expectedConsoleErrors: /status of 401 \(Unauthorized\)|ERR_CONNECTION_REFUSED|violates the (following|document's) Content Security Policy/ });

  test('given a wrong password or an unreachable hub, when the officer signs in, then a clear error says which', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.open();
  await expect(signIn.demoUsers).toBeVisible();
  await signIn.signIn('duty', 'not-the-password');
  await expect(signIn.error).toHaveText('Wrong username or password. Check them and try again.');
  await signIn.hubUrl.fill('http://127.0.0.1:65530/');
  await signIn.signIn('duty');
  await expect(signIn.error).toContainText('cannot be reached');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/sign-in-error.png` });
  });
});

test('given a signed-in duty officer, when hits arrive, then they show in the queue and on the map', async ({ page, request }) => {
  const console = await signedIn(page, 'duty');
  await expect(console.operation).toContainText('HARMATTAN');
  // The simulated traffic follows the hour of day (a few hits a minute at night), so the test raises its own.
  const hitId = await raiseHit(request, { checkpointId: 'ng-abv' });
  const row = await console.find(hitId);
  await expect(row).toContainText('Critical');
  await expect(row).toContainText('Abuja Nnamdi Azikiwe');
  await page.getByLabel('Search alerts').fill('');
  await expect(console.mapCanvas).toBeVisible();
  await expect(page.getByTestId('operation-status')).toContainText('Online');
  await console.waitForMap();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/live-main.png` });
});

test('given an alert, when the officer acknowledges and escalates it by keyboard, then the hub confirms and another officer sees it live', async ({ page, request, browser }) => {
  // Two desks, each going back to the alert after the selection moves on from an acknowledgement.
  test.slow();
  const console = await signedIn(page, 'duty');
  const lead = await otherDesk(browser, 'lead');
  const hitId = await raiseHit(request, { source: 'sltd', score: 0.99, summary: 'Passport reported stolen in IT, presented at arrivals' });
  await console.select(hitId);
  await lead.console.select(hitId);

  await console.acknowledge(hitId);
  await expect(console.holder()).toHaveText('Duty Officer (demo)');
  await expect(console.detail).toContainText('Acknowledged');
  await expect(console.history).toContainText('Acknowledged by Duty Officer (demo)');
  await expect(lead.console.holder()).toHaveText('Duty Officer (demo)');

  await console.press('e');
  await expect(console.escalateDialog).toBeVisible();
  await console.escalateDialog.getByLabel('L2 · Record-owner bureau liaison').check();
  await console.escalateDialog.getByLabel('Reason').fill('Record owner IT must confirm the document is still reported stolen');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/escalation-dialog.png` });
  await page.keyboard.press('Control+Enter');
  await expect(console.escalateDialog).toBeHidden();
  await expect(console.history).toContainText('Escalated to L2 by Duty Officer (demo): Record owner IT must confirm');
  await expect(console.detail).toContainText('Escalated L2');
  await expect(lead.console.history).toContainText('Escalated to L2 by Duty Officer (demo)');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/detail-with-history.png` });

  // The lead tries to take an alert the duty officer holds: the hub refuses and says who holds it.
  const other = await raiseHit(request);
  await console.select(other);
  await console.acknowledge(other);
  await expect(console.holder()).toHaveText('Duty Officer (demo)');
  await lead.console.select(other);
  await expect(lead.console.holder()).toHaveText('Duty Officer (demo)');
  await lead.close();
});

test('given two officers racing for the same alert, then one holds it and the other is told the hub refused', async ({ page, request, browser }) => {
  test.slow();
  const console = await signedIn(page, 'duty');
  const lead = await otherDesk(browser, 'lead');
  const hitId = await raiseHit(request);
  await console.select(hitId);
  await lead.console.select(hitId);
  await Promise.all([console.press('a'), lead.console.press('a')]);
  // The selection moves on after an acknowledgement; each officer goes back to the alert raced for.
  await Promise.all([console.select(hitId), lead.console.select(hitId)]);
  // Until the hub answers, each officer sees their own acknowledgement as pending; the refusal settles it.
  // The loser is told by the hub, or by its own console when the winner's acknowledgement reached it first.
  const refused = async (officer: ConsolePage) =>
    [...(await officer.refusal.allTextContents()), ...(await officer.notices.allTextContents()), ...(await officer.shortcutHint.allTextContents())].join(' ');
  await expect.poll(async () => [await refused(console), await refused(lead.console)].filter((text) => text.includes('Already acknowledged by')).length).toBe(1);
  const [loser, winner] = (await refused(console)).includes('Already acknowledged by') ? [console, lead.console] : [lead.console, console];
  const winnerName = winner === console ? 'Duty Officer (demo)' : 'Shift Lead (demo)';
  await expect(winner.holder()).toHaveText(winnerName);
  await expect(loser.holder()).toHaveText(winnerName);
  await expect.poll(() => refused(loser)).toContain(`Already acknowledged by ${winnerName}`);
  await lead.close();
});

test('given the wall observer, when it presses command keys, then it stays on the wall and nothing opens', async ({ page, request }) => {
  const console = await signedIn(page, 'wall');
  const wall = new WallPage(page);
  await expect(wall.figures).toBeVisible();
  const open = Number(await wall.figure('Open alerts').textContent());
  await raiseHit(request);
  await expect(wall.figure('Open alerts')).toHaveText(String(open + 1));
  for (const key of ['a', 'e', 'r', 'n', 'A', '?']) await console.press(key);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Acknowledge|Escalate|Resolve/ })).toHaveCount(0);
  await expect(wall.figure('Unacknowledged')).not.toHaveText('0');
});

test('given the Abuja bureau user, then only alerts concerning Nigeria reach the queue', async ({ page, request }) => {
  const console = await signedIn(page, 'abuja');
  const beninOnly = await raiseHit(request, { checkpointId: 'bj-coo', recordOwner: 'BJ' });
  const ownedByNigeria = await raiseHit(request, { checkpointId: 'bj-coo', recordOwner: 'NG' });
  const nigerian = await raiseHit(request, { checkpointId: 'ng-kan', recordOwner: 'FR' });
  await expect(await console.find(nigerian)).toBeVisible();
  await expect(await console.find(ownedByNigeria)).toBeVisible();
  // Arrived after the Benin-only hit: once it is in, the Benin-only one would have been too.
  await expect(await console.find(beninOnly)).toHaveCount(0);
  await page.getByLabel('Search alerts').fill('');
  for (const row of await page.locator('.queue-row').all()) {
    const owner = await row.getAttribute('data-alert-id');
    expect(owner).not.toBe(beninOnly);
  }
  await page.screenshot({ path: `${SCREENSHOT_DIR}/bureau-abuja.png` });
});

test('given the console, when the officer presses ?, then every shortcut is listed and Esc closes it', async ({ page }) => {
  const console = await signedIn(page, 'duty');
  await console.press('?');
  await expect(console.shortcutsDialog).toContainText('Acknowledge (take ownership)');
  await expect(console.shortcutsDialog).toContainText('Escalate with a level and a reason');
  await console.press('Escape');
  await expect(console.shortcutsDialog).toHaveCount(0);
  // A reload keeps the sign-in of this window: straight back to the live console.
  await page.reload();
  await console.waitUntilLive();
  await expect(page.getByTestId('officer-name')).toHaveText('Duty Officer (demo)');
});

test('given the wall display view, then it shows the map and operation status with nothing to act on', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.open('?view=wall');
  await signIn.signIn('wall');
  const console = new ConsolePage(page);
  await console.waitUntilLive();
  await expect(page.getByRole('region', { name: 'World map' })).toBeVisible();
  await expect(page.getByTestId('operation-status')).toContainText('HARMATTAN');
  await expect(page.getByRole('region', { name: 'Alert queue' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Acknowledge/ })).toHaveCount(0);
  await console.waitForMap();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/wall.png` });
});
