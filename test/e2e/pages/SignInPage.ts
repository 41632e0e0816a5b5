import type { Locator, Page } from '@playwright/test';
import { inAnyLanguage } from './words';

/** The sign-in screen, in whichever language it speaks. */
export class SignInPage {
  readonly hubUrl: Locator;
  readonly username: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly error: Locator;
  readonly demoUsers: Locator;

  constructor(readonly page: Page) {
    this.hubUrl = page.getByLabel(inAnyLanguage((words) => words.signIn.hubUrl));
    this.username = page.getByLabel(inAnyLanguage((words) => words.signIn.username));
    this.password = page.getByLabel(inAnyLanguage((words) => words.signIn.password));
    this.submit = page.getByRole('button', { name: inAnyLanguage((words) => words.signIn.submit) });
    this.error = page.locator('.signin__error');
    this.demoUsers = page.getByRole('region', { name: inAnyLanguage((words) => words.signIn.demoTitle) });
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
