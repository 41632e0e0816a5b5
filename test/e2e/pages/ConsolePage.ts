import { expect, type Locator, type Page } from '@playwright/test';
import { inAnyLanguage } from './words';

/** The live console: queue, detail, dialogs, as the duty officer drives them. */
export class ConsolePage {
  readonly queue: Locator;
  readonly detail: Locator;
  readonly history: Locator;
  readonly connection: Locator;
  readonly operation: Locator;
  readonly escalateDialog: Locator;
  readonly resolveDialog: Locator;
  readonly noteDialog: Locator;
  readonly shortcutsDialog: Locator;
  readonly refusal: Locator;
  readonly notices: Locator;
  /** The brief line saying why a shortcut opened nothing. */
  readonly shortcutHint: Locator;
  /** What a screen reader is told of a new critical hit. */
  readonly alarmAnnouncement: Locator;
  readonly mapCanvas: Locator;
  /** The queue's word that the first picture of the operation is still coming in. */
  readonly queueLoading: Locator;
  /** The world map; `data-selected-status` says what it shows for the selected alert (a status, or hidden). */
  readonly worldMap: Locator;

  constructor(readonly page: Page) {
    this.queue = page.getByTestId('alert-queue');
    this.detail = page.getByTestId('alert-detail');
    this.history = page.getByTestId('alert-history');
    this.connection = page.getByTestId('connection-state');
    this.operation = page.getByTestId('operation-name');
    this.escalateDialog = page.getByTestId('escalate-dialog');
    this.resolveDialog = page.getByTestId('resolve-dialog');
    this.noteDialog = page.getByTestId('note-dialog');
    this.shortcutsDialog = page.getByTestId('shortcuts-dialog');
    this.refusal = page.getByTestId('refusal');
    this.notices = page.getByTestId('notices');
    this.shortcutHint = page.getByTestId('shortcut-hint');
    this.alarmAnnouncement = page.getByTestId('alarm-announcement');
    this.mapCanvas = page.getByRole('region', { name: inAnyLanguage((words) => words.panels.map) }).locator('canvas').first();
    this.worldMap = page.getByTestId('world-map');
    this.queueLoading = page.getByText('Loading the operation picture… Alerts appear here once it is in.');
  }

  async waitUntilLive(): Promise<void> {
    // Generous: the first connection loads the map and the data-plane worker on a software renderer.
    await expect(this.connection).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
  }

  /** Waits until the basemap has loaded and deck.gl's device is up (the map stops saying "Loading the map…"). */
  async waitForMap(): Promise<void> {
    await expect(this.page.getByTestId('world-map')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  }

  row(alertId: string): Locator {
    return this.page.locator(`[data-alert-id="${alertId}"].queue-row`);
  }

  /** Searches the queue for one alert's reference; returns its row (absent when the officer cannot see it). */
  async find(alertId: string): Promise<Locator> {
    await this.page.getByLabel('Search alerts').fill(alertId);
    return this.row(alertId);
  }

  /** Finds an alert by its reference with the queue search, as an officer would, and opens its detail. */
  async select(alertId: string): Promise<void> {
    const search = this.page.getByLabel('Search alerts');
    await search.fill(alertId);
    await this.row(alertId).click();
    await expect(this.detail).toHaveAttribute('data-alert-id', alertId);
    await search.fill('');
    await this.queue.focus();
  }

  /**
   * Acknowledges the selected alert, `alertId`, by its shortcut. The selection then moves on to the next
   * alert needing action, so this goes back to `alertId` for what the test checks next.
   */
  async acknowledge(alertId: string): Promise<void> {
    await expect(this.detail).toHaveAttribute('data-alert-id', alertId);
    await this.press('a');
    await this.select(alertId);
  }

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  /**
   * Reveals the selected alert's personal details: the first purpose of the bureau's list where the form asks
   * for one (its id is returned), and the reason; waits until the details show.
   */
  async revealDetails(reason: string): Promise<string | undefined> {
    const form = this.detail.getByRole('form', { name: 'Personal details' });
    const purpose = form.locator('select');
    let purposeId: string | undefined;
    if ((await purpose.count()) > 0) {
      await purpose.selectOption({ index: 1 });
      purposeId = await purpose.inputValue();
    }
    await form.getByLabel('Reason for viewing').fill(reason);
    await form.getByRole('button', { name: 'Reveal' }).click();
    await expect(this.detail.getByRole('region', { name: 'Personal details' })).toBeVisible();
    return purposeId;
  }

  /** The detail's button for a command (Acknowledge, Escalate, Resolve, Note). */
  action(command: string): Locator {
    return this.detail.getByRole('toolbar').getByRole('button', { name: new RegExp(`^${command}\\b`) });
  }

  /** Turns single-key shortcuts on or off in the shortcut sheet, opened from the top bar's button. */
  async setSingleKeyShortcuts(on: boolean): Promise<void> {
    await this.page.locator('header').getByRole('button', { name: '?', exact: true }).click();
    await this.shortcutsDialog.getByLabel('Single-key shortcuts (letters and symbols)').setChecked(on);
    await this.page.keyboard.press('Escape');
    await expect(this.shortcutsDialog).toBeHidden();
  }

  /** The unacknowledged critical count the tab title shows, or 0 when it shows none. */
  async criticalCountInTitle(): Promise<number> {
    const match = /^\((\d+)\+? critical\)/.exec(await this.page.title());
    return match ? Number(match[1]) : 0;
  }

  holder(): Locator {
    return this.page.getByTestId('detail-holder');
  }

  /** The top bar's sign-out button. */
  async signOut(): Promise<void> {
    await this.page.locator('header').getByRole('button', { name: inAnyLanguage((words) => words.topbar.signOut) }).click();
  }
}
