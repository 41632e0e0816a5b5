import type { Locator, Page } from '@playwright/test';

/** The sign-in screen. */
export class SignInPage {
  readonly hubUrl: Locator;
  readonly username: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;
  readonly demoUsers: Locator;

  constructor(readonly page: Page) {
    this.hubUrl = page.getByLabel('Hub URL');
    this.username = page.getByLabel('Username');
    this.password = page.getByLabel('Password');
    this.submit = page.getByRole('button', { name: 'Sign in' });
    this.error = page.locator('.signin__error');
    this.demoUsers = page.getByRole('region', { name: 'Demo users' });
  }

  async open(query = ''): Promise<void> {
    await this.page.goto(`/${query}`);
  }

  async signIn(username: string, password = username): Promise<void> {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.submit.click();
  }
}
