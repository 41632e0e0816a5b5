import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The language control, in the top bar beside the officer's name or on the sign-in screen, driven from the
 * keyboard as an officer would: Tab until it has focus, then arrow keys to the language wanted. Each
 * language is listed by its own name; the page's `lang` and `dir` say which one the console speaks.
 */
export class LanguageMenu {
  readonly control: Locator;
  /** The language the control shows as chosen, by its own name. */
  readonly shown: Locator;
  readonly document: Locator;

  constructor(readonly page: Page) {
    this.control = page.getByTestId('language');
    this.shown = this.control.locator('option:checked');
    this.document = page.locator('html');
  }

  /** Tabs through the screen until the control has focus; fails if it is not on the keyboard path. */
  async reachByKeyboard(): Promise<void> {
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    for (let press = 0; press < 40; press++) {
      await this.page.keyboard.press('Tab');
      if (await this.control.evaluate((control) => control === document.activeElement)) return;
    }
    throw new Error('the language control is not reachable with Tab');
  }

  /** Reaches the control with Tab and steps to the language named with the arrow keys. */
  async chooseByKeyboard(name: string): Promise<void> {
    await this.reachByKeyboard();
    const names = await this.control.locator('option').allTextContents();
    const target = names.indexOf(name);
    expect(target, `${name} is offered`).toBeGreaterThanOrEqual(0);
    const from = await this.control.evaluate((control) => (control as HTMLSelectElement).selectedIndex);
    for (let step = 0; step < Math.abs(target - from); step++) await this.page.keyboard.press(target > from ? 'ArrowDown' : 'ArrowUp');
    await expect(this.shown).toHaveText(name);
  }

  /** The console speaks `lang`, laid out in direction `dir`, and the control shows it by `name`. */
  async expectSpeaking(lang: string, dir: 'ltr' | 'rtl', name: string): Promise<void> {
    await expect(this.document).toHaveAttribute('lang', lang);
    await expect(this.document).toHaveAttribute('dir', dir);
    await expect(this.shown).toHaveText(name);
  }
}
