import type { Locator, Page } from '@playwright/test';

/** The resolve dialog: an outcome radio group, a closing comment, and the confirm step of a weighty dismissal. */
export class ResolveDialog {
  readonly root: Locator;
  readonly checkedOutcomes: Locator;
  readonly comment: Locator;
  /** The confirm step's statement of what resolving will do. */
  readonly confirmStep: Locator;
  readonly hint: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('resolve-dialog');
    this.checkedOutcomes = this.root.locator('input[type="radio"]:checked');
    this.comment = this.root.getByLabel('Closing comment');
    this.confirmStep = page.getByTestId('resolve-confirm');
    this.hint = page.getByTestId('resolve-hint');
  }

  outcome(name: string): Locator {
    return this.root.getByRole('radio', { name });
  }
}
