import type { Page } from '@playwright/test';
import type { MapBench } from '../../../renderer/src/map/harness/bench-api';

export type BenchWindow = { mapBench?: MapBench };

/**
 * Opens the map harness in bench mode and waits until its map is ready. `assertClean` throws with every
 * page error and console error seen since, so a benchmark never reports figures from a broken page.
 */
export async function openMapBench(page: Page, baseUrl: string): Promise<{ assertClean(): void }> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(`${baseUrl}/map-harness.html?bench=1`);
  await page.waitForFunction(() => (window as BenchWindow).mapBench !== undefined);
  await page.evaluate(() => (window as BenchWindow).mapBench!.ready);
  return {
    assertClean() {
      if (errors.length > 0) throw new Error(`map bench page errors: ${errors.join('; ')}`);
    },
  };
}
