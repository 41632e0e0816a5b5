import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { verifyAuditExport } from '@watchfloor/shared';
import { raiseHit } from './checkpoint-feed';
import { SCREENSHOT_DIR, expect, test } from './fixtures';
import { ConsolePage } from './pages/ConsolePage';
import { DataProtectionPage } from './pages/DataProtectionPage';
import { SignInPage } from './pages/SignInPage';

/**
 * The data-protection view as the bureau's data-protection officer uses it: a duty officer reveals a hit's
 * personal details with a reason; the auditor signs in, lands on the audit trail (nothing operational on
 * screen), filters it to that reveal with the keyboard, exports it as JSON, and the exported file verifies
 * with the shared rule a checker would run on it (each record's SHA-256 recomputed). The export itself is
 * then in the trail.
 */
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const run = promisify(execFile);

test('given a reveal by a duty officer, when the auditor filters the trail to it and exports it, then the export holds that reveal and verifies', async ({ page, request }) => {
  // Two sign-ins, a reveal, an export and the CLI's check: generous on a loaded machine.
  test.setTimeout(120_000);
  const hitId = await raiseHit(request);
  const reason = `Arrivals desk asks us to confirm the passport holder before interview ${hitId.slice(-6)}`;

  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn('duty');
  const console = new ConsolePage(page);
  await console.waitUntilLive();
  await console.select(hitId);
  const purpose = await console.revealDetails(reason);
  await expect(console.detail).toContainText('E2E SIMULATED PERSON');
  await console.signOut();

  await expect(signIn.username).toBeVisible();
  await signIn.signIn('auditor');
  const audit = new DataProtectionPage(page);
  await audit.waitUntilShown();
  await expect(audit.chain).toHaveAttribute('data-state', 'intact');
  await expect(audit.chain).toContainText(/Chain intact: [\d,]+ records/);
  // An auditor takes no operational action: no queue, map or command on their screen.
  await expect(page.getByTestId('alert-queue')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'World map' })).toHaveCount(0);
  await expect(page.getByTestId('officer-name')).toHaveText('Data Protection Officer (demo)');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/data-protection-trail.png` });

  await audit.filterBy({ hit: hitId, act: 'Details revealed', ...(purpose === undefined ? {} : { purpose }) });
  await expect(audit.rows).toHaveCount(1);
  const row = audit.rows.first();
  await expect(row).toContainText('Duty Officer (demo)');
  await expect(row).toContainText(reason);
  await expect(row).toContainText('Details revealed');
  await audit.backToTable();
  await expect(audit.record).toContainText(hitId);
  const hash = (await audit.record.getByTestId('record-hash').textContent())!.trim();
  expect(hash).toMatch(/^[0-9a-f]{64}$/);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/data-protection-filtered.png` });

  const download = await audit.export('json');
  expect(download.suggestedFilename()).toMatch(/^watchfloor-audit-trail-\d{8}T\d{6}Z\.json$/);
  const saved = (await download.path())!;
  const file = JSON.parse(await readFile(saved, 'utf8')) as { filter: unknown; exportedBy: unknown; records: { hitId?: string; hash: string; details: { reason: string } }[] };
  expect(verifyAuditExport(file, sha256)).toMatchObject({ ok: true, records: 1 });
  expect(file.records).toMatchObject([{ hitId, hash, details: { reason } }]);
  expect(file.exportedBy).toEqual({ id: 'off-auditor', name: 'Data Protection Officer (demo)' });
  expect(file.filter).toMatchObject({ hitId, act: 'details-revealed' });
  await expect(audit.exportStatus).toContainText('Exported 1 record as JSON');
  // The documented check of an export, as the bureau's supervisor would run it on the file.
  const checked = await run('npx', ['tsx', 'hub/src/cli.ts', 'audit', 'verify-export', saved]);
  expect(checked.stdout).toContain('audit export intact: 1 record (#');

  // The export is itself in the trail, and a file changed after export no longer verifies.
  await audit.filterBy({ hit: '', act: 'Exported', officer: 'off-auditor', purpose: '' });
  await expect(audit.rows.first()).toContainText('audit-trail as JSON, 1 record');
  file.records[0]!.details.reason = 'nothing to see here';
  expect(verifyAuditExport(file, sha256)).toMatchObject({ ok: false, message: /was altered/ });
  await page.screenshot({ path: `${SCREENSHOT_DIR}/data-protection-exported.png` });
});

test('given an admin at the live console, when they open the data-protection view, then the trail and its chain show, and they go back to the live console', async ({ page }) => {
  test.setTimeout(120_000);
  const signIn = new SignInPage(page);
  await signIn.open();
  await signIn.signIn('admin');
  const console = new ConsolePage(page);
  await console.waitUntilLive();
  await page.getByRole('button', { name: 'Data protection', exact: true }).click();
  const audit = new DataProtectionPage(page);
  await audit.waitUntilShown();
  await expect(audit.chain).toHaveAttribute('data-state', 'intact');
  await audit.filterBy({ officer: 'off-admin', act: 'Signed in' });
  await expect(audit.rows.first()).toContainText('Hub Admin (demo)');
  await page.getByRole('button', { name: 'Back to the live console' }).click();
  await console.waitUntilLive();
  await expect(console.queue).toBeVisible();
});
