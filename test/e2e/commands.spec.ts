import { mkdirSync } from 'node:fs';
import { raiseHit } from './checkpoint-feed';
import { SCREENSHOT_DIR, expect, test } from './fixtures';
import { signedIn } from './pages/desks';
import { ResolveDialog } from './pages/ResolveDialog';

/**
 * Commands that cannot go wrong, and the alarm, at a laptop's 1366×768: an outcome chosen explicitly and a
 * weighty dismissal confirmed, shortcuts that say why instead of opening what cannot be done, shortcuts an
 * officer can turn off, and the tab title counting a critical hit posted through ingest.
 */
test.use({ viewport: { width: 1366, height: 768 } });

const SHOTS = process.env['WATCHFLOOR_SHOTS_DIR'] ?? SCREENSHOT_DIR;

test.beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

test('given a critical alert, when the duty officer resolves it as False positive by keyboard, then the outcome is chosen explicitly, a comment is asked for and the effect is confirmed first', async ({ page, request }) => {
  test.slow();
  const console = await signedIn(page, 'duty');
  const hitId = await raiseHit(request, { summary: 'Red notice requested by FR: identity match at arrivals (resolve e2e)' });
  await raiseHit(request, { summary: 'Red notice requested by FR: second traveller (resolve e2e)' });
  await console.select(hitId);

  // Acknowledging moves the selection on to an alert that still needs someone.
  await console.press('a');
  await expect(console.detail).not.toHaveAttribute('data-alert-id', hitId);
  await expect(console.holder()).toHaveText('Nobody');

  await console.select(hitId);
  await expect(console.holder()).toHaveText('Duty Officer (demo)');
  await console.press('r');
  const dialog = new ResolveDialog(page);
  await expect(dialog.root).toBeVisible();
  await expect(dialog.checkedOutcomes).toHaveCount(0);
  await expect(dialog.outcome('Confirmed')).toBeFocused();
  await page.screenshot({ path: `${SHOTS}/resolve-dialog-1366x768.png` });

  // Arrow keys move focus and choice together.
  await console.press('ArrowDown');
  await expect(dialog.outcome('False positive')).toBeChecked();
  await expect(dialog.outcome('False positive')).toBeFocused();
  await expect(dialog.checkedOutcomes).toHaveCount(1);

  // Without a comment, Enter goes nowhere.
  await console.press('Enter');
  await expect(dialog.confirmStep).toHaveCount(0);
  await expect(dialog.hint).toHaveText(/Choose an outcome and write a closing comment/);

  await console.press('Tab');
  await expect(dialog.comment).toBeFocused();
  await page.keyboard.type('Document re-checked with the issuing country: reported found');
  await console.press('Control+Enter');
  await expect(dialog.confirmStep).toBeVisible();
  await expect(dialog.confirmStep).toBeFocused();
  await expect(dialog.root.getByRole('heading')).toHaveText('Resolve this Critical alert as False positive?');
  await expect(dialog.confirmStep).toContainText('as False positive');
  await expect(dialog.confirmStep).toContainText('will not be escalated again');
  await expect(dialog.confirmStep).toContainText('Document re-checked with the issuing country');
  await expect(dialog.confirmStep).toContainText(hitId.slice(0, 16));
  await page.screenshot({ path: `${SHOTS}/resolve-confirm-1366x768.png` });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: `${SHOTS}/resolve-confirm-1920x1080.png` });

  // Escape steps back to the choice, as it was left.
  await console.press('Escape');
  await expect(dialog.confirmStep).toHaveCount(0);
  await expect(dialog.outcome('False positive')).toBeChecked();
  await expect(dialog.outcome('False positive')).toBeFocused();
  await page.screenshot({ path: `${SHOTS}/resolve-dialog-1920x1080.png` });
  await page.setViewportSize({ width: 1366, height: 768 });

  await console.press('Control+Enter');
  await expect(dialog.confirmStep).toBeVisible();
  await console.press('Control+Enter');
  await expect(dialog.root).toBeHidden();
  // A resolved alert leaves the open queue; the detail still shows it.
  await expect(console.detail).toHaveAttribute('data-alert-id', hitId);
  await expect(console.history).toContainText('Resolved as False positive by Duty Officer (demo): Document re-checked with the issuing country');
});

test('given an action the officer cannot take, when its shortcut is pressed, then nothing opens and a brief line says why', async ({ page, request }) => {
  const console = await signedIn(page, 'duty');
  const hitId = await raiseHit(request, { summary: 'Red notice requested by FR: unheld (shortcut e2e)' });
  await console.select(hitId);
  await expect(console.action('Resolve')).toBeDisabled();

  await console.press('r');
  await expect(console.shortcutHint).toHaveText('Resolve is not possible: Acknowledge the alert before resolving it.');
  await expect(console.resolveDialog).toHaveCount(0);
  await expect(console.shortcutHint).toHaveAttribute('role', 'status');

  await console.press('e');
  await expect(console.shortcutHint).toHaveText('Escalate is not possible: Acknowledge the alert before escalating it.');
  await expect(console.escalateDialog).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/shortcut-refused-1366x768.png` });
});

test('given single-key shortcuts turned off, when a letter is pressed in the queue, then it does nothing, arrows still move, and the choice is remembered', async ({ page, request }) => {
  const console = await signedIn(page, 'duty');
  await console.setSingleKeyShortcuts(false);
  const hitId = await raiseHit(request, { summary: 'Red notice requested by FR: shortcuts off (e2e)' });
  await console.select(hitId);

  await console.press('a');
  await console.press('?');
  await expect(console.shortcutsDialog).toHaveCount(0);
  await expect(console.holder()).toHaveText('Nobody');
  await console.press('ArrowDown');
  await expect(console.detail).not.toHaveAttribute('data-alert-id', hitId);
  await console.select(hitId);
  await expect(console.holder()).toHaveText('Nobody');

  await page.reload();
  await console.waitUntilLive();
  await page.locator('header').getByRole('button', { name: '?', exact: true }).click();
  await expect(console.shortcutsDialog.getByLabel('Single-key shortcuts (letters and symbols)')).not.toBeChecked();
  await expect(console.shortcutsDialog).toContainText('Remembered on this workstation');
});

test('given a duty officer signed in, when a critical hit is posted through ingest, then the tab title counts it and it is announced', async ({ page, request }) => {
  const console = await signedIn(page, 'duty');
  await expect(console.queue).toBeVisible();
  const before = await console.criticalCountInTitle();
  await raiseHit(request, { summary: 'Red notice requested by FR: alarm (e2e)' });
  await expect(page).toHaveTitle(/^\(\d+\+? critical\) Watchfloor$/);
  await expect.poll(() => console.criticalCountInTitle()).toBeGreaterThan(before);
  await expect(console.alarmAnnouncement).toContainText(/critical hit/);
  await expect(page.getByTestId('alarm-sound')).toHaveAttribute('aria-pressed', 'true');
});
