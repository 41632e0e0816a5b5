import { raiseHit } from './checkpoint-feed';
import { SCREENSHOT_DIR, expect, test } from './fixtures';
import { DebriefExport } from './pages/DebriefExport';
import { RevealPanel } from './pages/RevealPanel';
import { otherDesk, signedIn } from './pages/desks';

/**
 * Revealing a hit's personal details as officers do it, against the demo hub: a purpose from the bureau's
 * list and a reason that says something, then the details with who revealed them before; and a debrief
 * export that the hub cannot record saves nothing.
 */
test('given a duty officer, when they reveal with a purpose and a reason, then the form holds them to both, and the next officer sees who revealed before', async ({ page, request, browser }) => {
  const console = await signedIn(page, 'duty');
  const hitId = await raiseHit(request, { summary: 'Red notice requested by FR: identity match at arrivals' });
  await console.select(hitId);
  const reveal = new RevealPanel(console.detail);

  await expect(reveal.purpose).toHaveValue('');
  expect(await reveal.purposes()).toEqual([
    'Identity confirmation with the record owner',
    'Arrest procedure',
    'Victim safeguarding',
    'Verification of a travel or identity document',
    'Liaison with the record-owner bureau',
    'Follow-up of an open investigation',
  ]);
  await expect(reveal.reasonHint).toHaveText('At least 20 characters and 3 different words: what the details are needed for in this case.');

  // Sent with nothing chosen and a token reason, the form says what is missing and sends nothing.
  await reveal.typeReason('check');
  await reveal.submit.click();
  await expect(reveal.form).toContainText('Choose the purpose of this reveal.');
  await expect(reveal.reasonHint).toHaveText('The reason needs at least 20 characters (5 so far).');
  await reveal.typeReason('check check check check check');
  await expect(reveal.reasonHint).toHaveText('Say in at least 3 different words what the details are needed for.');
  await expect(reveal.details).toBeHidden();
  await console.detail.screenshot({ path: `${SCREENSHOT_DIR}/reveal-reason-problem.png` });

  await reveal.choosePurpose('Identity confirmation with the record owner');
  await reveal.typeReason('Arrivals desk asks to confirm the passport holder');
  await expect(reveal.reasonHint).toHaveText('At least 20 characters and 3 different words: what the details are needed for in this case.');
  await page.screenshot({ path: `${SCREENSHOT_DIR}/reveal-purpose.png` });
  await console.detail.screenshot({ path: `${SCREENSHOT_DIR}/reveal-purpose-detail.png` });
  await reveal.reveal();
  await expect(reveal.details).toContainText('E2E SIMULATED PERSON');
  // The subject's fields carry words, not the feeder's keys.
  await expect(reveal.details).toContainText('Document number');
  await expect(reveal.details).not.toContainText('documentNumber');
  await expect(reveal.earlier).toContainText('No one revealed these details before you.');

  const lead = await otherDesk(browser, 'lead');
  try {
    await lead.console.select(hitId);
    const leadReveal = new RevealPanel(lead.console.detail);
    await leadReveal.choosePurpose('Arrest procedure');
    await leadReveal.typeReason('Border police preparing the arrest at gate 4');
    await leadReveal.reveal();
    await expect(leadReveal.earlier).toContainText('Duty Officer (demo)');
    await expect(leadReveal.earlier).toContainText('Identity confirmation with the record owner');
    await expect(leadReveal.earlier.getByRole('listitem')).toHaveText([/^\d{1,2} [A-Z][a-z]{2,3} \d{4}, \d\d:\d\d:\d\d UTC \(\d\d:\d\d:\d\d \S+\) · Duty Officer \(demo\) · Identity confirmation with the record owner$/]);
    await lead.console.detail.screenshot({ path: `${SCREENSHOT_DIR}/reveal-earlier-reveals.png` });
  } finally {
    await lead.close();
  }
});

test.describe('an export the hub cannot record', () => {
  test.use({ expectedConsoleErrors: /ERR_FAILED|ERR_CONNECTION_REFUSED/ });

  test('given the hub unreachable for the export notice, when a shift lead exports the debrief, then nothing is saved and the officer is told why', async ({ page }) => {
    await signedIn(page, 'lead');
    const debrief = new DebriefExport(page);
    await expect(page.getByTestId('timeline-loading')).toBeHidden({ timeout: 30_000 });
    let downloads = 0;
    page.on('download', () => (downloads += 1));
    await page.route('**/api/v1/exports', (route) => route.abort('connectionrefused'));
    await debrief.button.click();
    await expect(debrief.status).toHaveText(/^Nothing saved: the hub could not be reached to record this export in the audit trail \(.+\)\. Try again when the hub is back\.$/);
    await expect(debrief.status).toHaveAttribute('role', 'alert');
    await expect(debrief.button).toBeEnabled();
    expect(downloads).toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/export-not-recorded.png` });
  });
});
