import { expect, type Locator, type Page } from '@playwright/test';
import { inAnyLanguage } from './words';

/** The shift lead's docked timeline, the mode band and the top bar's mode, as a lead drives them. */
export class TimelinePage {
  readonly dock: Locator;
  readonly controls: Locator;
  readonly bar: Locator;
  readonly mode: Locator;
  readonly modeBand: Locator;
  readonly topBarMode: Locator;
  readonly returnToLive: Locator;
  readonly showPlayhead: Locator;
  readonly loading: Locator;

  constructor(readonly page: Page) {
    this.dock = page.getByTestId('timeline-panel');
    this.controls = page.getByRole('group', { name: inAnyLanguage((words) => words.replay.controls.label) });
    this.bar = page.getByTestId('timeline-bar');
    this.mode = page.getByTestId('playback-mode');
    this.modeBand = page.getByTestId('mode-band');
    this.topBarMode = page.getByTestId('topbar-mode');
    this.returnToLive = page.getByTestId('return-to-live');
    this.showPlayhead = page.getByTestId('show-playhead');
    this.loading = page.getByTestId('timeline-loading');
  }

  async waitForHistory(): Promise<void> {
    await expect(this.loading).toBeHidden({ timeout: 30_000 });
  }

  /** Whether the whole dock lies inside the window, with nothing to scroll to. */
  async withinViewport(): Promise<boolean> {
    const box = await this.dock.boundingBox();
    const viewport = this.page.viewportSize();
    if (box === null || viewport === null) return false;
    return box.y >= 0 && box.x >= 0 && box.y + box.height <= viewport.height + 0.5 && box.x + box.width <= viewport.width + 0.5;
  }

  /** How many lines the playback controls take: the distinct tops of their visible children. */
  async controlRows(): Promise<number> {
    return this.controls.evaluate((group) => {
      const tops = new Set<number>();
      for (const child of group.children) {
        const box = child.getBoundingClientRect();
        if (box.width > 0 && box.height > 0) tops.add(Math.round(box.top + box.height / 2));
      }
      const sorted = [...tops].sort((a, b) => a - b);
      return sorted.filter((top, index) => index === 0 || top - sorted[index - 1]! > 6).length;
    });
  }

  /** The console-wide key that pauses live or plays and pauses the replay. */
  async pause(): Promise<void> {
    await this.page.keyboard.press('p');
  }

  /** The console-wide key back to live. */
  async backToLive(): Promise<void> {
    await this.page.keyboard.press('l');
  }

  /** Steps back one event with the focused bar's left arrow, and waits until the picture is there. */
  async stepBack(): Promise<void> {
    await this.bar.focus();
    await this.page.keyboard.press('ArrowLeft');
    await expect(this.bar).toHaveAttribute('aria-busy', 'false');
  }

  /** Shift+drags across the bar between two fractions of its width: the zoom to a range. */
  async zoomBetween(from: number, to: number): Promise<void> {
    const box = await this.bar.boundingBox();
    if (box === null) throw new Error('the timeline bar is not on screen');
    const y = box.y + box.height / 2;
    await this.page.keyboard.down('Shift');
    await this.page.mouse.move(box.x + box.width * from, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + box.width * to, y, { steps: 5 });
    await this.page.mouse.up();
    await this.page.keyboard.up('Shift');
  }

  async shownTime(): Promise<number> {
    return Number(await this.bar.getAttribute('aria-valuenow'));
  }
}
