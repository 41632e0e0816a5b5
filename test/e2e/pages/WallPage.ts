import type { Locator, Page } from '@playwright/test';
import { MapPage } from './MapPage';

/** The wall display: the operation's key figures in large type, the map, the operation's status. */
export class WallPage {
  readonly figures: Locator;
  readonly map: MapPage;
  /** Figures, map and status together: the whole screen below the top bar. */
  readonly workspace: Locator;

  constructor(readonly page: Page) {
    this.figures = page.getByTestId('wall-figures');
    this.map = new MapPage(page);
    this.workspace = page.getByRole('main');
  }

  /** Where the workspace ends, from the top of the page, in CSS pixels. */
  async workspaceBottom(): Promise<number> {
    const box = await this.workspace.boundingBox();
    return box === null ? 0 : Math.round(box.y + box.height);
  }

  /** One key figure's value by its label ("Open alerts", "Critical open", "Unacknowledged", "Oldest waiting"). */
  figure(label: string): Locator {
    return this.figures.locator('div', { has: this.page.getByText(label, { exact: true }) }).locator('dd');
  }
}
