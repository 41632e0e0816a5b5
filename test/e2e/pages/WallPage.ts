import type { Locator, Page } from '@playwright/test';
import { MapPage } from './MapPage';

/** The wall display: the operation's key figures in large type, the map, the operation's status. */
export class WallPage {
  readonly figures: Locator;
  readonly map: MapPage;

  constructor(readonly page: Page) {
    this.figures = page.getByTestId('wall-figures');
    this.map = new MapPage(page);
  }

  /** One key figure's value by its label ("Open alerts", "Critical open", "Unacknowledged", "Oldest waiting"). */
  figure(label: string): Locator {
    return this.figures.locator('div', { has: this.page.getByText(label, { exact: true }) }).locator('dd');
  }
}
