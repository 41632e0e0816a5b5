import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import type { CacheBench } from '../../../renderer/src/cache/bench-api';
import { serveBuiltRenderer } from '../map/harness-server';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../support/chromium';

/**
 * A real Chromium with an on-disk profile (a fresh incognito-style context would keep IndexedDB in memory
 * and flatter every figure), opened on the built cache harness page.
 */

export type HarnessWindow = { cacheBench?: CacheBench };

export interface CacheHarness {
  readonly page: Page;
  /** Loads the harness page afresh: nothing of an earlier step stays in memory. */
  reload(): Promise<void>;
  close(): Promise<void>;
}

export async function openCacheHarness(): Promise<CacheHarness> {
  if (!existsSync('out/renderer/cache-harness.html')) {
    throw new Error("no built cache harness in out/renderer: run 'npx electron-vite build --mode harness' first");
  }
  const server = await serveBuiltRenderer();
  const profile = await mkdtemp(join(tmpdir(), 'watchfloor-cache-bench-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS],
      viewport: { width: 480, height: 320 },
    });
  } catch (error) {
    await server.close();
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  const reload = async () => {
    // Leaving a page that holds a million hits can take Chromium longer than Playwright's 30 s default on a
    // slow shared disk; the load itself is not what is measured.
    await page.goto(`${server.url}/cache-harness.html`, { timeout: 180_000 });
    await page.waitForFunction(() => (window as HarnessWindow).cacheBench !== undefined);
    if (errors.length > 0) throw new Error(`cache harness page errors: ${errors.join('; ')}`);
  };
  await reload();
  return {
    page,
    reload,
    async close() {
      await context.close();
      await server.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
