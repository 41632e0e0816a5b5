import { expect, test, type Browser, type Page } from '@playwright/test';
import { ConsolePage } from './ConsolePage';
import { SignInPage } from './SignInPage';

/** An officer signed in through the form on `page`, once the console is live. */
export async function signedIn(page: Page, username: string): Promise<ConsolePage> {
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn(username);
  const console = new ConsolePage(page);
  await console.waitUntilLive();
  return console;
}

/**
 * Another officer at a desk of their own (a browser context apart), signed in; `close` ends it and fails
 * the test if their window logged a console error.
 */
export async function otherDesk(browser: Browser, username: string): Promise<{ page: Page; console: ConsolePage; close: () => Promise<void> }> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport: { width: 1600, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  const console = await signedIn(page, username);
  return {
    page,
    console,
    close: async () => {
      await context.close();
      expect(errors, `console errors in ${username}'s window`).toEqual([]);
    },
  };
}
