import { SCREENSHOT_DIR, expect, test } from './fixtures';
import { ShellPage } from './pages/ShellPage';

test('given the built renderer, when an officer opens it, then the console frame shows its panels and labelled clocks', async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.open();
  await expect(shell.brand).toHaveText('Watchfloor');
  for (const name of ['Alert queue', 'World map', 'Alert detail', 'Operation status']) {
    await expect(shell.panel(name)).toBeVisible();
  }
  await expect(shell.connection).toHaveText('Not connected');
  await expect(shell.utcClock).toHaveText(/^\d{2}:\d{2}:\d{2} UTC$/);
  await expect(shell.localClock).toHaveText(/^\d{2}:\d{2}:\d{2} \S+$/);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/shell.png` });
});
