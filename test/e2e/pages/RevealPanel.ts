import { expect, type Locator } from '@playwright/test';

/**
 * The reveal of a hit's personal details in the alert detail, as an officer works it: pick the purpose from
 * the bureau's list, type the reason, read what the form says is missing, reveal, read who revealed before.
 */
export class RevealPanel {
  readonly form: Locator;
  readonly purpose: Locator;
  readonly reason: Locator;
  readonly submit: Locator;
  /** What the form says of the reason: the rule, or what the reason still lacks. */
  readonly reasonHint: Locator;
  readonly details: Locator;
  readonly earlier: Locator;

  constructor(detail: Locator) {
    this.form = detail.getByRole('form', { name: 'Personal details' });
    this.purpose = this.form.getByLabel('Purpose');
    this.reason = this.form.getByLabel('Reason for viewing');
    this.submit = this.form.getByRole('button', { name: 'Reveal' });
    this.reasonHint = this.form.locator('#reveal-reason-hint');
    this.details = detail.getByRole('region', { name: 'Personal details' });
    this.earlier = this.details.getByRole('region', { name: 'Revealed before' });
  }

  /** The purposes offered, as the officer reads them (the placeholder left out). */
  async purposes(): Promise<string[]> {
    return (await this.purpose.locator('option:not([disabled])').allTextContents()).map((text) => text.trim());
  }

  async choosePurpose(label: string): Promise<void> {
    await this.purpose.selectOption({ label });
  }

  async typeReason(reason: string): Promise<void> {
    await this.reason.fill(reason);
  }

  /** Reveals with what is filled in and waits until the details show. */
  async reveal(): Promise<void> {
    await this.submit.click();
    await expect(this.details).toBeVisible();
  }
}
