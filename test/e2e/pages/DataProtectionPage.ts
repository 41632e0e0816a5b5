import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** The data-protection view: the audit chain's state, the trail's filter and table, the selected record, exports. */
export class DataProtectionPage {
  readonly root: Locator;
  readonly chain: Locator;
  readonly filter: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly range: Locator;
  readonly record: Locator;
  readonly exportStatus: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('data-protection');
    this.chain = page.getByTestId('chain-state');
    this.filter = page.getByTestId('audit-filter');
    this.table = page.getByTestId('audit-table');
    this.rows = page.getByTestId('audit-row');
    this.range = page.getByTestId('audit-range');
    this.record = page.getByTestId('audit-record');
    this.exportStatus = page.getByTestId('export-status');
  }

  async waitUntilShown(): Promise<void> {
    await expect(this.root).toBeVisible();
    await expect(this.chain).toHaveAttribute('data-state', /intact|broken|unknown/);
  }

  /** Types a filter as an officer would: `/` to the filter, the fields, Enter to apply. */
  async filterBy(fields: { readonly officer?: string; readonly hit?: string; readonly act?: string; readonly purpose?: string; readonly from?: string; readonly to?: string }): Promise<void> {
    await this.page.keyboard.press('/');
    await expect(this.filter.getByLabel('Officer id')).toBeFocused();
    if (fields.officer !== undefined) await this.filter.getByLabel('Officer id').fill(fields.officer);
    if (fields.hit !== undefined) await this.filter.getByLabel('Hit').fill(fields.hit);
    if (fields.act !== undefined) await this.filter.getByLabel('Act').selectOption({ label: fields.act });
    if (fields.purpose !== undefined) await this.filter.getByLabel('Purpose').fill(fields.purpose);
    if (fields.from !== undefined) await this.filter.getByLabel('From (UTC)').fill(fields.from);
    if (fields.to !== undefined) await this.filter.getByLabel('Until (UTC, not included)').fill(fields.to);
    await this.filter.getByLabel('Officer id').press('Enter');
    await expect(this.range).not.toHaveText('Loading from the hub…');
  }

  /** Leaves the filter for the table with Escape, so the view's keys work again. */
  async backToTable(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }

  /** Exports the filtered trail with its key (`e` JSON, `c` CSV); the browser's download. */
  async export(format: 'json' | 'csv'): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.keyboard.press(format === 'json' ? 'e' : 'c');
    return download;
  }
}
