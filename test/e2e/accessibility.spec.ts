import { raiseHit } from './checkpoint-feed';
import { expect, test } from './fixtures';
import { expectAccessible } from './pages/accessibility';
import { DataProtectionPage } from './pages/DataProtectionPage';
import { signedIn } from './pages/desks';
import { SignInPage } from './pages/SignInPage';
import { TimelinePage } from './pages/TimelinePage';
import { WallPage } from './pages/WallPage';

/**
 * Every screen as an officer with a screen reader or a contrast need meets it: axe-core finds no serious or
 * critical violation on sign-in, the live console with an alert open, each command dialog, the shortcut
 * sheet, a replay, the wall view and the data-protection view. At the smallest supported workstation size.
 */
test.use({ viewport: { width: 1366, height: 768 } });

test('given the sign-in screen, when axe-core checks it, then nothing serious is found', async ({ page }) => {
  await new SignInPage(page).open();
  await expectAccessible(page, 'sign-in');
});

test('given a duty officer with an alert open, when axe-core checks the console and each dialog, then nothing serious is found', async ({ page, request }) => {
  // Five axe runs over the whole console on a software renderer: generous on a loaded machine.
  test.setTimeout(120_000);
  const hitId = await raiseHit(request);
  const console = await signedIn(page, 'duty');
  await console.waitForMap();
  await console.select(hitId);
  await expectAccessible(page, 'the live console');

  await console.press('?');
  await expect(console.shortcutsDialog).toBeVisible();
  await expectAccessible(page, 'the shortcut sheet');
  await console.press('Escape');

  await console.queue.focus();
  await console.press('a');
  // Acknowledging moves the selection on to the next alert needing action.
  await expect(console.row(hitId)).toHaveAttribute('data-status', 'acknowledged');
  for (const [key, dialog, name] of [
    ['e', console.escalateDialog, 'the escalate dialog'],
    ['r', console.resolveDialog, 'the resolve dialog'],
    ['n', console.noteDialog, 'the note dialog'],
  ] as const) {
    await console.queue.focus();
    await console.select(hitId);
    await console.press(key);
    await expect(dialog).toBeVisible();
    await expectAccessible(page, name);
    await console.press('Escape');
    await expect(dialog).toBeHidden();
  }
});

test('given a shift lead replaying the operation, when axe-core checks the console, then nothing serious is found', async ({ page }) => {
  const console = await signedIn(page, 'lead');
  const timeline = new TimelinePage(page);
  await timeline.waitForHistory();
  await expect(timeline.mode).toHaveText('Live');
  await console.queue.focus();
  await timeline.pause();
  await expect(timeline.mode).toHaveText('Paused');
  await expectAccessible(page, 'a paused console');
  await timeline.stepBack();
  await timeline.pause();
  await expect(timeline.mode).toHaveText('Replay');
  await expectAccessible(page, 'replay');
});

test('given the wall display, when axe-core checks it, then nothing serious is found', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn('wall');
  await expect(new WallPage(page).figures).toBeVisible({ timeout: 30_000 });
  await expectAccessible(page, 'the wall view');
});

test('given the data-protection officer, when axe-core checks the audit trail view, then nothing serious is found', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn('auditor');
  const audit = new DataProtectionPage(page);
  await audit.waitUntilShown();
  await expect(audit.rows.first()).toBeVisible();
  await expectAccessible(page, 'the data-protection view');
});
