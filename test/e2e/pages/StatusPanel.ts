import type { Locator, Page } from '@playwright/test';

/** The operation status panel and the queue's counts beside it, as figures an officer reads. */
export class StatusPanel {
  readonly panel: Locator;
  readonly hitRate: Locator;
  readonly queueClock: Locator;
  readonly presence: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('operation-status');
    this.hitRate = page.getByTestId('hit-rate').locator('figcaption');
    this.queueClock = page.getByTestId('queue-clock');
    this.presence = page.getByTestId('presence');
  }

  counter(name: 'hits' | 'open' | 'critical' | 'arrests' | 'documentsSeized' | 'checks' | 'victimsRescued'): Locator {
    return this.page.getByTestId(`counter-${name}`);
  }

  async figure(name: Parameters<StatusPanel['counter']>[0]): Promise<number> {
    return Number((await this.counter(name).textContent())?.replace(/,/g, ''));
  }

  /** Open alerts as the queue counts them: the sum of its severity chips. */
  async queueOpen(): Promise<number> {
    let sum = 0;
    for (const severity of ['critical', 'high', 'medium', 'low']) sum += Number((await this.page.getByTestId(`count-${severity}`).textContent())?.replace(/,/g, ''));
    return sum;
  }
}
