import { expect, type Locator, type Page } from '@playwright/test';

interface HarnessWindow {
  mapHarness?: { project(lon: number, lat: number): { x: number; y: number }; target: { id: string; lon: number; lat: number } };
}

/** west, south, east, north in degrees. */
export type ViewBounds = readonly [number, number, number, number];

/**
 * The world map: on the map harness page (renderer/map-harness.html, the map alone with synthetic hits) or
 * inside the console and the wall view.
 */
export class MapPage {
  readonly map: Locator;
  readonly canvas: Locator;
  readonly tooltip: Locator;
  readonly selectedAlert: Locator;
  readonly legend: Locator;
  readonly home: Locator;
  readonly zoomIn: Locator;
  readonly zoomOut: Locator;
  /** The list a click on a checkpoint's count badge pins open. */
  readonly pile: Locator;

  constructor(readonly page: Page) {
    this.map = page.getByTestId('world-map');
    this.canvas = page.getByRole('application', { name: /World map of checkpoint hits/ });
    this.tooltip = page.getByTestId('map-tooltip');
    this.selectedAlert = page.getByTestId('selected-alert');
    this.legend = page.getByTestId('map-legend');
    const controls = page.getByRole('toolbar', { name: 'Map view' });
    this.home = controls.getByRole('button', { name: 'Fit the operation' });
    this.zoomIn = controls.getByRole('button', { name: 'Zoom in' });
    this.zoomOut = controls.getByRole('button', { name: 'Zoom out' });
    this.pile = page.getByTestId('map-pile');
  }

  /** Waits until the basemap and deck.gl are up. */
  async waitUntilReady(): Promise<void> {
    await expect(this.map).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  }

  /** Opens the legend where it starts folded (the desk console). */
  async openLegend(): Promise<void> {
    if ((await this.legend.getAttribute('open')) === null) await this.legend.getByText('Legend', { exact: true }).click();
  }

  /** The part of the world in view, as the map reports it after it last moved. */
  async viewBounds(): Promise<ViewBounds> {
    const text = await this.map.getAttribute('data-view-bounds');
    if (text === null) throw new Error('the map has not reported its view');
    return text.split(',').map(Number) as unknown as ViewBounds;
  }

  /** Whether the view holds a place. */
  async shows(lon: number, lat: number): Promise<boolean> {
    const [west, south, east, north] = await this.viewBounds();
    return lon >= west && lon <= east && lat >= south && lat <= north;
  }

  async open(): Promise<void> {
    await this.page.goto('/map-harness.html');
    await expect(this.map).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    await this.page.waitForFunction(() => (window as HarnessWindow).mapHarness !== undefined);
  }

  /** The known critical hit's position in page pixels. */
  async targetHit(): Promise<{ id: string; x: number; y: number }> {
    const box = (await this.canvas.boundingBox())!;
    const target = await this.page.evaluate(() => {
      const harness = (window as HarnessWindow).mapHarness!;
      return { id: harness.target.id, ...harness.project(harness.target.lon, harness.target.lat) };
    });
    return { id: target.id, x: box.x + target.x, y: box.y + target.y };
  }

  /** Where the count badge of the known hit's checkpoint is, in page pixels (beside and above its pin). */
  async targetBadge(): Promise<{ x: number; y: number }> {
    const hit = await this.targetHit();
    return { x: hit.x + 13, y: hit.y - 20 };
  }

  /** Pixels of the map area that are not the sea colour, from a screenshot (WebGL canvases read back blank). */
  async nonBackgroundShare(): Promise<number> {
    const png = await this.canvas.screenshot();
    return this.page.evaluate(async (base64) => {
      // Decoded in the page without fetch: the page's CSP has no data: in connect-src, and must keep it so.
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
      const image = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(image.width, image.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, image.width, image.height);
      let other = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs(data[i]! - 0x0b) + Math.abs(data[i + 1]! - 0x0f) + Math.abs(data[i + 2]! - 0x14) > 12) other += 1;
      }
      return other / (data.length / 4);
    }, png.toString('base64'));
  }
}
