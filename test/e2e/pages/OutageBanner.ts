import type { Locator, Page } from '@playwright/test';

/** The band that says the hub cannot be reached, and then that the console is live again. */
export class OutageBanner {
  readonly banner: Locator;

  constructor(readonly page: Page) {
    this.banner = page.getByTestId('outage-banner');
  }
}
