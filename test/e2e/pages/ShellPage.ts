import type { Locator, Page } from '@playwright/test';

/** The desk console frame, as an officer sees it. */
export class ShellPage {
  readonly brand: Locator;
  readonly connection: Locator;
  readonly utcClock: Locator;
  readonly localClock: Locator;

  constructor(readonly page: Page) {
    this.brand = page.locator('.topbar__name');
    this.connection = page.getByTestId('connection-state');
    this.utcClock = page.getByTestId('clock-utc');
    this.localClock = page.getByTestId('clock-local');
  }

  async open(): Promise<void> {
    await this.page.goto('/');
  }

  panel(name: string): Locator {
    return this.page.getByRole('region', { name });
  }
}
