import { SCREENSHOT_DIR, expect, test } from './fixtures';
import { ConsolePage } from './pages/ConsolePage';
import { ForeignPage, openSocketFrom } from './pages/ForeignPage';
import { SignInPage } from './pages/SignInPage';

// What the browser says when it blocks the foreign page: the frame, the CORS read and the socket upgrade.
test.use({
  expectedConsoleErrors:
    /frame-ancestors|blocked by CORS policy|net::ERR_FAILED|status of 403 \(Forbidden\)|WebSocket connection to .* failed/,
});

test('given a page of another origin, when it frames the console, reads the API and opens a socket, then the browser and the hub refuse all three', async ({ page, baseURL }) => {
  const hubUrl = baseURL!;
  const foreign = await ForeignPage.serve(page);
  const blocked: string[] = [];
  page.on('console', (message) => blocked.push(message.text()));
  try {
    await foreign.open();

    await foreign.frameConsole(`${hubUrl}/`);
    await expect(foreign.consoleFrame.getByRole('heading', { name: 'Sign in to Watchfloor' })).toHaveCount(0);
    await expect(foreign.consoleFrame.getByLabel('Password')).toHaveCount(0);
    expect(blocked.join('\n')).toMatch(/frame-ancestors 'none'/);

    expect(await foreign.readApi(hubUrl)).toMatch(/^failed: /);
    expect(await foreign.openSocket(hubUrl)).toBe('refused');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/foreign-origin.png` });
  } finally {
    await foreign.close();
  }
});

test('given the console on its own origin, when the officer signs in, then the socket opens and the queue shows', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.open();
  // The same upgrade the foreign page was refused is accepted from the hub's own page.
  expect(await openSocketFrom(page, new URL(page.url()).origin)).toBe('open');
  await signIn.signIn('duty');
  const console = new ConsolePage(page);
  await console.waitUntilLive();
  await expect(console.queue).toBeVisible();
  await console.waitForMap();
});
