import type { Locator, Page } from '@playwright/test';

/** The confirmation before signing out while commands still wait for the hub. */
export class SignOutQueuedDialog {
  readonly root: Locator;
  readonly signOut: Locator;
  readonly wait: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('sign-out-queued');
    this.signOut = this.root.getByRole('button', { name: 'Sign out', exact: true });
    this.wait = this.root.getByRole('button', { name: 'Wait for the hub' });
  }
}
