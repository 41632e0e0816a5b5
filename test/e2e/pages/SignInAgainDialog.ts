import type { Locator, Page } from '@playwright/test';

/** The prompt over the console when the hub has ended the officer's session: why, and the password again. */
export class SignInAgainDialog {
  readonly root: Locator;
  readonly reason: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;
  readonly signOutInstead: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('sign-in-again');
    this.reason = this.root.getByRole('status');
    this.password = this.root.getByLabel('Password');
    this.submit = this.root.getByRole('button', { name: 'Sign in', exact: true });
    this.error = this.root.getByRole('alert');
    this.signOutInstead = this.root.getByRole('button', { name: 'Sign out instead' });
  }

  /** Types the password into the focused field and presses Enter, as an officer at the desk would. */
  async signInAgain(password: string): Promise<void> {
    await this.page.keyboard.type(password);
    await this.page.keyboard.press('Enter');
  }
}
