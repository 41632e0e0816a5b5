import { SCREENSHOT_DIR, expect, test } from './fixtures';
import { SignInPage } from './pages/SignInPage';

test('given the built renderer served by the demo hub, when an officer opens it, then the sign-in form offers the hub and the demo users', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.open();
  await expect(page.getByRole('heading', { name: 'Sign in to Watchfloor' })).toBeVisible();
  await expect(signIn.hubUrl).toHaveValue(/^http:\/\/127\.0\.0\.1:\d+$/);
  await expect(signIn.username).toBeFocused();
  for (const user of ['duty', 'lead', 'wall', 'abuja']) await expect(signIn.demoUsers).toContainText(user);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/sign-in.png` });
});
