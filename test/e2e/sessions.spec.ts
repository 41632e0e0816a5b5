import type { APIRequestContext, Page } from '@playwright/test';
import { raiseHit } from './checkpoint-feed';
import { CUT_OFF_CONSOLE_ERRORS, serveCutOffConsole, type CutOffConsole } from './cut-off-console';
import { SCREENSHOT_DIR, expect, test } from './fixtures';
import { ConsolePage } from './pages/ConsolePage';
import { SignInAgainDialog } from './pages/SignInAgainDialog';
import { SignInPage } from './pages/SignInPage';
import { SignOutQueuedDialog } from './pages/SignOutQueuedDialog';

/**
 * A session ending under an officer's hands: an administrator revokes it from the hub while the console is
 * open, and the officer gives the password again and goes on; and signing out with a command still
 * waiting for the hub asks first. The console is served on its own and reaches the demo hub through a
 * proxy the test can cut, as in the offline spec.
 */

// The cut-off hub's refused and reset connections; that is the point of the second test.
test.use({ expectedConsoleErrors: CUT_OFF_CONSOLE_ERRORS });

let cutOff: CutOffConsole;

test.beforeAll(async ({}, testInfo) => {
  cutOff = await serveCutOffConsole(testInfo);
});

test.afterAll(async () => {
  await cutOff?.close();
});

/** What an administrator does from the hub's side: revoke every session of one officer. */
async function revokeSessionsOf(request: APIRequestContext, officerId: string): Promise<void> {
  const signIn = await request.post('/api/v1/session', { data: { username: 'admin', password: 'admin' } });
  const { token } = (await signIn.json()) as { token: string };
  const revoked = await request.post(`/api/v1/officers/${officerId}/sessions/revoke`, { headers: { Authorization: `Bearer ${token}` } });
  expect(revoked.status()).toBe(200);
  expect(((await revoked.json()) as { revoked: number }).revoked).toBeGreaterThan(0);
}

async function signedIn(page: Page, username: string): Promise<ConsolePage> {
  const signIn = new SignInPage(page);
  await page.goto(cutOff.server.url);
  await expect(signIn.hubUrl).toHaveValue(cutOff.proxy.url);
  await signIn.signIn(username);
  const console = new ConsolePage(page);
  await console.waitUntilLive();
  return console;
}

test('given an administrator revoking the officer\'s session, when the officer gives the password again, then the console says why and works as before', async ({ page, request }) => {
  const console = await signedIn(page, 'abuja');
  const hitId = await raiseHit(request, { source: 'sltd', summary: 'Passport reported stolen in FR, presented at arrivals' });
  await expect(await console.find(hitId)).toBeVisible();

  await revokeSessionsOf(request, 'off-abuja');

  const prompt = new SignInAgainDialog(page);
  await expect(prompt.root).toBeVisible();
  await expect(prompt.reason).toHaveText(/An administrator ended your session/);
  await expect(prompt.root.getByLabel('Username')).toHaveValue('abuja');
  await expect(prompt.password).toBeFocused();
  await expect(prompt.signOutInstead).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/session-revoked-prompt.png` });

  await prompt.signInAgain('abuja');
  await expect(prompt.root).toBeHidden();
  await console.waitUntilLive();
  await console.select(hitId);
  await console.acknowledge(hitId);
  await expect(console.holder()).toHaveText('NCB Abuja Desk (demo)');
  await expect(console.history.locator('.history__entry--alert-acknowledged')).toHaveCount(1);
  await expect(console.history).not.toContainText('not yet confirmed');
  await expect(console.refusal).toBeHidden();
});

test('given a command queued while the hub is out of reach, when the officer signs out, then the console asks first and says the command stays', async ({ page, request }) => {
  const console = await signedIn(page, 'abuja');
  const hitId = await raiseHit(request, { source: 'sltd', summary: 'Passport reported stolen in FR, presented at arrivals' });
  await expect(await console.find(hitId)).toBeVisible();

  cutOff.proxy.cut();
  try {
    await expect(console.connection).toHaveAttribute('data-state', 'reconnecting');
    await console.select(hitId);
    await console.acknowledge(hitId);
    await expect(page.getByTestId('pending')).toHaveAttribute('data-stage', 'queued');

    await console.signOut();
    const confirm = new SignOutQueuedDialog(page);
    await expect(confirm.root).toBeVisible();
    await expect(confirm.root).toContainText('1 command is still waiting to be sent to the hub');
    await expect(confirm.wait).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/sign-out-queued.png` });
    await confirm.signOut.click();
    await expect(new SignInPage(page).username).toBeVisible();
  } finally {
    cutOff.proxy.restore();
  }
});
