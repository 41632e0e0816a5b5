import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/support/chromium';

/**
 * End-to-end tests drive the built renderer in Debian's Chromium (never a downloaded browser). WebGL runs in
 * SwiftShader here, so scenes stay small.
 */
const port = Number(process.env.WATCHFLOOR_E2E_PORT ?? 4699);
// A fresh hub database per run; `npm run web` starts the embedded demo hub on it (seeded, slow hit rate:
// the tests post the hits they reason about through the ingest API).
const hubData = path.join(mkdtempSync(path.join(tmpdir(), 'watchfloor-e2e-')), 'hub');
// The offline spec serves the console apart from the hub, on the next port; the hub allows that origin.
const consoleElsewhere = `http://127.0.0.1:${port + 1}`;

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    viewport: { width: 1600, height: 900 },
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS],
    },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `npx tsx scripts/web.ts --port ${port} --data ${hubData} --seed 7 --rate 0.3 --allowed-origins ${consoleElsewhere} --handling-label "For official use only"`,
    url: `http://127.0.0.1:${port}/api/v1/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
  },
});
