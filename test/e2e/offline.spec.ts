import type { APIRequestContext, Page } from '@playwright/test';
import { serveConsole, type ConsoleServer } from '../../scripts/console-server';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { SCREENSHOT_DIR, expect, test } from './fixtures';
import { ConsolePage } from './pages/ConsolePage';
import { SignInPage } from './pages/SignInPage';

/**
 * A pulled cable, as a duty officer lives it: the console is served on its own and reaches the demo hub
 * through a proxy the test cuts. Reloading while cut off shows the cached picture; an acknowledgement given
 * meanwhile waits in the outbox and is confirmed once when the hub is reachable again.
 */
const INGEST_KEY = 'demo-ingest-key';

// The browser reports the refused and reset connections to the cut-off hub; that is the point here.
test.use({ expectedConsoleErrors: /WebSocket connection to .* failed|ERR_CONNECTION_(REFUSED|RESET|CLOSED)|ERR_EMPTY_RESPONSE|socket hang up/ });

let proxy: FaultProxy;
let server: ConsoleServer;

test.beforeAll(async ({}, testInfo) => {
  const hubPort = Number(new URL(testInfo.project.use.baseURL!).port);
  proxy = await startFaultProxy({ port: () => hubPort });
  // The hub allows a console served on the port after its own (playwright.config.ts).
  server = await serveConsole({ port: hubPort + 1, renderer: 'out/renderer', hubUrl: proxy.url });
});

test.afterAll(async () => {
  await server?.close();
  await proxy?.close();
});

async function raiseHit(request: APIRequestContext): Promise<string> {
  const response = await request.post('/api/v1/hits', {
    headers: { Authorization: `Bearer ${INGEST_KEY}` },
    data: {
      externalId: `e2e-offline-${Date.now()}-${Math.random().toString(36).slice(2)}`,
      operationId: 'op-harmattan',
      checkpointId: 'bj-coo',
      at: new Date().toISOString(),
      source: 'sltd',
      score: 0.98,
      summary: 'Passport reported stolen in BE, presented at departures',
      recordOwner: 'BE',
      subject: { name: 'E2E SIMULATED PERSON', documentNumber: 'X88888888' },
    },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { hitId: string }).hitId;
}

/** Whether the console's local cache (IndexedDB) holds the alert yet: it is written behind the screen. */
function cachedAlert(page: Page, alertId: string): Promise<boolean> {
  return page.evaluate(
    (id) =>
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open('watchfloor-cache');
        open.onerror = () => resolve(false);
        open.onsuccess = () => {
          const db = open.result;
          const read = db.transaction('alerts').objectStore('alerts').get(id);
          read.onsuccess = () => {
            resolve(read.result !== undefined);
            db.close();
          };
          read.onerror = () => resolve(false);
        };
      }),
    alertId,
  );
}

test('given a cut cable, when the officer reloads and acknowledges, then the cached picture shows and the hub confirms the acknowledgement once it is back', async ({ page, request }) => {
  const signIn = new SignInPage(page);
  await page.goto(server.url);
  await expect(signIn.hubUrl).toHaveValue(proxy.url);
  await signIn.signIn('duty');
  const console = new ConsolePage(page);
  await console.waitUntilLive();
  const hitId = await raiseHit(request);
  await expect(await console.find(hitId)).toBeVisible();
  await expect.poll(() => cachedAlert(page, hitId), { message: 'the alert reaches the local cache' }).toBe(true);

  proxy.cut();
  await expect(console.connection).toHaveAttribute('data-state', 'reconnecting');
  await page.reload();
  await expect(console.connection).toContainText(/cached picture|Reconnecting/);
  await expect(console.operation).toContainText('HARMATTAN');
  await console.select(hitId);
  await expect(console.detail).toContainText('Cotonou');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/offline-cached-picture.png` });

  await console.press('a');
  const pending = page.getByTestId('pending');
  await expect(pending).toHaveAttribute('data-stage', 'queued');
  await expect(pending).toContainText('Acknowledge queued');
  await expect(console.row(hitId)).toContainText('Queued');
  await expect(console.history).toContainText('Acknowledged by Duty Officer (demo) · not yet confirmed by the hub');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/offline-queued-command.png` });

  proxy.restore();
  await console.waitUntilLive();
  await expect(pending).toBeHidden();
  await expect(console.holder()).toHaveText('Duty Officer (demo)');
  await expect(console.history.locator('.history__entry--alert-acknowledged')).toHaveCount(1);
  await expect(console.history).not.toContainText('not yet confirmed');
  await expect(console.refusal).toBeHidden();
});
