import type { Page } from '@playwright/test';
import { fr } from '../../renderer/src/i18n/fr';
import { serveConsole, type ConsoleServer } from '../../scripts/console-server';
import { SCREENSHOT_DIR, expect, test } from './fixtures';
import { ConsolePage } from './pages/ConsolePage';
import { LanguageMenu } from './pages/LanguageMenu';
import { SignInPage } from './pages/SignInPage';
import { TimelinePage } from './pages/TimelinePage';
import { WallPage } from './pages/WallPage';
import { signedIn } from './pages/desks';

/**
 * Which language the console speaks, and switching it: an officer's own choice (by keyboard, at once, kept
 * across a reload and for them alone on this workstation), a choice made at sign-in, the bureau's default
 * from /config.json, the workstation's own language.
 */

/** The console at the two screen sizes of the watch floor, once laid out at each. */
async function screenshots(page: Page, name: string): Promise<void> {
  for (const viewport of [
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(viewport);
    await expect.poll(() => page.evaluate(() => document.querySelector('.shell')?.getBoundingClientRect().height)).toBe(viewport.height);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/language-${name}-${viewport.width}.png` });
  }
}

test('given a signed-in officer, when they switch to Arabic with the keyboard, then the console turns right to left at once without reloading, and is still in Arabic after a reload', async ({ page }) => {
  test.setTimeout(120_000);
  const console = await signedIn(page, 'duty');
  const menu = new LanguageMenu(page);
  await menu.expectSpeaking('en', 'ltr', 'English');
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

  await screenshots(page, 'english');

  await menu.chooseByKeyboard('العربية');
  await menu.expectSpeaking('ar', 'rtl', 'العربية');
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument), 'no reload').toBe(true);
  await expect(console.connection).toHaveAttribute('data-state', 'live');
  await screenshots(page, 'arabic');

  await page.reload();
  await console.waitUntilLive();
  await menu.expectSpeaking('ar', 'rtl', 'العربية');

  await menu.chooseByKeyboard('English');
  await menu.expectSpeaking('en', 'ltr', 'English');
});

test("given a language chosen at sign-in, then the officer goes on in it; each officer's own choice is theirs alone on this workstation, until they choose another at sign-in", async ({ page }) => {
  // Four sign-ins, each waiting for the live picture.
  test.setTimeout(120_000);
  const signIn = new SignInPage(page);
  const menu = new LanguageMenu(page);
  const console = new ConsolePage(page);
  await signIn.open();
  await menu.chooseByKeyboard('Français');
  await menu.expectSpeaking('fr', 'ltr', 'Français');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/language-sign-in.png` });

  await signIn.signIn('duty');
  await console.waitUntilLive();
  await menu.expectSpeaking('fr', 'ltr', 'Français');
  await menu.chooseByKeyboard('Español');
  await console.signOut();
  await menu.expectSpeaking('fr', 'ltr', 'Français');

  await signIn.signIn('lead');
  await console.waitUntilLive();
  await menu.expectSpeaking('fr', 'ltr', 'Français');
  await console.signOut();

  await signIn.signIn('duty');
  await console.waitUntilLive();
  await menu.expectSpeaking('es', 'ltr', 'Español');
  await console.signOut();
  await menu.expectSpeaking('fr', 'ltr', 'Français');

  // Chosen on the sign-in screen just before signing in, a language replaces the officer's earlier choice.
  await menu.chooseByKeyboard('العربية');
  await signIn.signIn('duty');
  await console.waitUntilLive();
  await menu.expectSpeaking('ar', 'rtl', 'العربية');
});

test('given French chosen at sign-in, then sign-in, the console, a dialog, replay and the wall speak French', async ({ page }) => {
  test.setTimeout(120_000);
  const signIn = new SignInPage(page);
  const menu = new LanguageMenu(page);
  const console = new ConsolePage(page);
  await signIn.open();
  await menu.chooseByKeyboard('Français');
  await expect(page.getByRole('heading', { name: fr.signIn.title })).toBeVisible();

  await signIn.signIn('lead');
  await console.waitUntilLive();
  await expect(page.getByRole('region', { name: fr.panels.queue })).toBeVisible();
  await expect(page.locator('header').getByRole('button', { name: fr.topbar.signOut })).toBeVisible();
  await console.waitForMap();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/language-fr-console.png` });

  await console.queue.focus();
  await console.press('?');
  await expect(console.shortcutsDialog.getByRole('heading', { name: fr.shortcuts.title })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/language-fr-dialog.png` });
  await console.press('Escape');
  await expect(console.shortcutsDialog).toBeHidden();

  const timeline = new TimelinePage(page);
  await console.queue.focus();
  await timeline.pause();
  await expect(timeline.mode).toHaveText(fr.replay.controls.pausedMode);
  await expect(timeline.modeBand).toContainText(fr.replay.mode.noCommands);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/language-fr-replay.png` });
  await console.signOut();

  // The sign-in screen kept French, and so does the wall display signed in from it.
  await signIn.signIn('wall');
  const wall = new WallPage(page);
  await expect(wall.figures).toHaveAccessibleName(fr.wall.figures);
  await expect(wall.figure(fr.wall.open)).toBeVisible();
  await console.waitForMap();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/language-fr-wall.png` });
});

test.describe("the bureau's default", () => {
  let arabicBureau: ConsoleServer;

  test.beforeAll(async ({}, testInfo) => {
    // Served apart from the hub, on the port the hub allows (playwright.config.ts), with the bureau's language.
    const hubUrl = testInfo.project.use.baseURL!;
    arabicBureau = await serveConsole({ port: Number(new URL(hubUrl).port) + 1, renderer: 'out/renderer', hubUrl, language: 'ar' });
  });

  test.afterAll(async () => {
    await arabicBureau?.close();
  });

  test("given a bureau whose console speaks Arabic, then sign-in and console are in Arabic until the officer chooses their own language", async ({ page }) => {
    const signIn = new SignInPage(page);
    const menu = new LanguageMenu(page);
    const console = new ConsolePage(page);
    await page.goto(arabicBureau.url);
    await menu.expectSpeaking('ar', 'rtl', 'العربية');

    await signIn.signIn('duty');
    await console.waitUntilLive();
    await menu.expectSpeaking('ar', 'rtl', 'العربية');

    await menu.chooseByKeyboard('English');
    await page.reload();
    await console.waitUntilLive();
    await menu.expectSpeaking('en', 'ltr', 'English');
  });
});

test.describe("the workstation's language", () => {
  test.use({ locale: 'es-ES' });

  test('given a Spanish workstation and no bureau default, then the sign-in screen is in Spanish', async ({ page }) => {
    await new SignInPage(page).open();
    await new LanguageMenu(page).expectSpeaking('es', 'ltr', 'Español');
  });
});
