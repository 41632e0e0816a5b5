import { writeFile } from 'node:fs/promises';
import type { APIRequestContext } from '@playwright/test';
import { AuditTrailResponse, OPS_NAMESPACE, SessionResponse, operationFigures, type AuditRecord } from '@watchfloor/shared';
import { io } from 'socket.io-client';
import { raiseHit } from './checkpoint-feed';
import { hubStateAt, startedHoursAgo } from './hub-log';
import { SCREENSHOT_DIR, expect, test } from './fixtures';
import { ConsolePage } from './pages/ConsolePage';
import { DebriefExport } from './pages/DebriefExport';
import { SignInPage } from './pages/SignInPage';
import { StatusPanel } from './pages/StatusPanel';
import { TimelinePage } from './pages/TimelinePage';

/**
 * Timeline replay as a shift lead uses it, against the real demo hub (its simulator keeps the operation
 * moving underneath): look back to a moment and check the picture against the hub's own log folded to that
 * moment, play at 600x, try a command in the past, export the debrief, return to live.
 */
/** The exports the hub's audit trail holds, as an admin reads them. */
async function exportsRecorded(request: APIRequestContext): Promise<AuditRecord[]> {
  const signIn = await request.post('/api/v1/session', { data: { username: 'admin', password: 'admin' } });
  const { token } = SessionResponse.parse(await signIn.json());
  const response = await request.get('/api/v1/audit?act=exported', { headers: { Authorization: `Bearer ${token}` } });
  expect(response.status()).toBe(200);
  return AuditTrailResponse.parse(await response.json()).records.filter((record) => record.details.what !== 'audit-trail');
}

test('given a shift lead, when they look back, play at 600x and export, then the picture matches the hub at that time and commands wait for live', async ({ page, request, baseURL }) => {
  await startedHoursAgo(request, baseURL!);
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn('lead');
  const console = new ConsolePage(page);
  const timeline = new TimelinePage(page);
  await console.waitUntilLive();
  const first = await raiseHit(request, { score: 0.95, summary: 'Red notice requested by DE: identity match at arrivals', recordOwner: 'DE' });
  await console.select(first);
  await console.acknowledge(first);
  await expect(console.holder()).toHaveText('Shift Lead (demo)');
  // Until the hub confirms, the holder above is the optimistic one; the later hit must come after the
  // acknowledgement in the hub's log, or stepping back past the acknowledgement would still show it.
  await expect(page.getByTestId('pending')).toBeHidden();
  const later = await raiseHit(request, { score: 0.95, summary: 'Red notice requested by DE: identity match at arrivals', recordOwner: 'DE' });
  await expect(await console.find(later)).toBeVisible();
  await page.getByLabel('Search alerts').fill('');
  await page.getByLabel('Which alerts').selectOption('all');
  await timeline.waitForHistory();

  // Pause live, then step back event by event until the acknowledgement of the first hit is undone.
  const bar = timeline.bar;
  await bar.focus();
  await page.keyboard.press('Space');
  await expect(timeline.mode).toHaveText('Paused');
  for (let step = 0; step < 60 && (await console.row(first).getAttribute('data-status')) !== 'new'; step += 1) {
    await page.keyboard.press('ArrowLeft');
    await expect(bar).toHaveAttribute('aria-busy', 'false');
  }
  await expect(console.row(first)).toHaveAttribute('data-status', 'new');
  await expect(console.row(later)).toHaveCount(0);
  const t = await timeline.shownTime();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/replay-at-time.png` });

  const expected = await hubStateAt(request, baseURL!, t);
  const rows = console.queue.locator('.queue-row');
  const shown = await rows.evaluateAll((elements) => elements.map((element) => [element.getAttribute('data-alert-id'), element.getAttribute('data-status')]));
  expect(shown.length).toBeGreaterThan(0);
  for (const [id, status] of shown) expect(status, `alert ${id} at ${new Date(t).toISOString()}`).toBe(expected.alerts.get(id!)?.status);
  const operation = expected.operations.get('op-harmattan')!;
  // The figures are those of the picture at that time, counted by the shared rule; the operation's own report as it stood then.
  const figures = operationFigures(expected.alerts.values(), 'op-harmattan');
  const status = new StatusPanel(page);
  await expect(status.counter('hits')).toHaveText(figures.hits.toLocaleString('en-GB'));
  await expect(status.counter('open')).toHaveText(figures.open.toLocaleString('en-GB'));
  await expect(status.counter('checks')).toHaveText(operation.counters.checks.toLocaleString('en-GB'));

  // A command shortcut in the past does nothing but say why.
  await console.select(first);
  await console.press('a');
  await expect(console.shortcutHint).toHaveText('Acknowledge is not possible: you are looking at the past. Return to live to act on alerts.');
  await expect(console.row(first)).toHaveAttribute('data-status', 'new');

  // The debrief of the range on the bar: a CSV that names the operation, range and zone, and a map PNG, each
  // labelled with the bureau's handling label, the exporter and the time of export, and recorded by the hub.
  const exported = await new DebriefExport(page).export();
  expect(exported.csvName).toMatch(/^watchfloor-debrief_HARMATTAN_\d{8}T\d{4}Z-\d{8}T\d{4}Z_UTC\.csv$/);
  const preamble = exported.csv.split('\r\n').slice(0, 8);
  expect(preamble[0]).toBe('# Handling label: For official use only');
  expect(preamble).toContain('# Operation: HARMATTAN (op-harmattan)');
  expect(preamble).toContain('# Exported by: Shift Lead (demo) (off-lead)');
  expect(preamble.find((line) => line.startsWith('# Exported at:'))).toMatch(/^# Exported at: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \(UTC\); \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \S+ \(local\)$/);
  expect(preamble).toContain('# Time zone: UTC (ISO 8601)');
  expect(exported.csv).toContain(first);
  expect(exported.png.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(exported.png.length).toBeGreaterThan(20_000);
  await writeFile(`${SCREENSHOT_DIR}/debrief-map-export.png`, exported.png);
  const recorded = await exportsRecorded(request);
  expect(recorded.map((record) => [record.officer?.id, record.details.what, record.details.fileName])).toEqual([
    ['off-lead', 'debrief-csv', exported.csvName],
    ['off-lead', 'debrief-png', exported.pngName],
  ]);

  // Play from the start at 600x: the player takes the speed, plays, and its time moves on. How fast operation
  // time runs against the wall clock is the player's own unit tests' business, not a timing on a shared machine.
  const playback = page.getByRole('group', { name: 'Playback' });
  const speed = playback.getByRole('textbox');
  await speed.fill('600');
  await speed.press('Enter');
  await bar.focus();
  await page.keyboard.press('Home');
  await expect(bar).toHaveAttribute('aria-busy', 'false');
  const start = await timeline.shownTime();
  await page.keyboard.press('Space');
  await expect(playback.getByRole('button', { name: /^Pause/ })).toBeVisible();
  await expect(speed).toHaveValue('600');
  await expect.poll(() => timeline.shownTime()).toBeGreaterThan(start);

  await timeline.returnToLive.click();
  await expect(timeline.mode).toHaveText('Live');
  await expect(console.row(first)).toHaveAttribute('data-status', 'acknowledged');
});

/** Another desk acting on the hub while the page looks elsewhere: the shift lead's commands over their own socket. */
async function resolveElsewhere(request: APIRequestContext, baseURL: string, alertId: string): Promise<void> {
  const signIn = await request.post('/api/v1/session', { data: { username: 'lead', password: 'lead' } });
  const { token } = SessionResponse.parse(await signIn.json());
  const socket = io(`${baseURL}${OPS_NAMESPACE}`, { transports: ['websocket'], auth: { token, since: 0 }, forceNew: true, reconnection: false });
  const send = (command: Record<string, unknown>) =>
    new Promise<unknown>((resolve) => socket.emit('command', { mutationId: `e2e-${Date.now()}-${Math.random().toString(36).slice(2)}`, alertId, ...command }, resolve));
  try {
    await new Promise<void>((resolve, reject) => {
      socket.on('hello', () => resolve());
      socket.on('connect_error', reject);
    });
    expect(await send({ type: 'acknowledge' })).toMatchObject({ ok: true });
    expect(await send({ type: 'resolve', outcome: 'no-action' })).toMatchObject({ ok: true });
  } finally {
    socket.close();
  }
}

test('given a paused live view, when an alert is resolved live, then the map shows it open as the queue does until back to live', async ({ page, request, baseURL }) => {
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn('lead');
  const console = new ConsolePage(page);
  const timeline = new TimelinePage(page);
  await console.waitUntilLive();
  await console.waitForMap();
  const alertId = await raiseHit(request, { severity: 'high' });
  await console.select(alertId);
  await expect(console.worldMap).toHaveAttribute('data-selected-status', 'new');
  await timeline.waitForHistory();

  await timeline.bar.focus();
  await page.keyboard.press('Space');
  await expect(timeline.mode).toHaveText('Paused');
  await resolveElsewhere(request, baseURL!, alertId);
  // A critical hit after the resolution: once the pause counts it, the resolution has reached the console too.
  const missed = timeline.returnToLive;
  const before = Number((await missed.textContent())?.match(/(\d+) critical since pause/)?.[1] ?? 0);
  await raiseHit(request, { severity: 'critical' });
  await expect.poll(async () => Number((await missed.textContent())?.match(/(\d+) critical since pause/)?.[1] ?? 0)).toBeGreaterThan(before);

  // The queue lists what was open at the paused moment; the search brings the row into the list's view.
  await expect(await console.find(alertId)).toHaveAttribute('data-status', 'new');
  await expect(console.worldMap).toHaveAttribute('data-selected-status', 'new');

  await missed.click();
  await expect(timeline.mode).toHaveText('Live');
  await expect(console.worldMap).toHaveAttribute('data-selected-status', 'resolved');
});
