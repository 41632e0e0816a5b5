import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page } from '@playwright/test';
import { inAnyLanguage } from './words';

/** The timeline's debrief export as a shift lead uses it: one button, a CSV and a map PNG, and what it says. */
export class DebriefExport {
  readonly button: Locator;
  readonly status: Locator;

  constructor(readonly page: Page) {
    this.button = page.getByTestId('export-debrief');
    this.status = page.getByTestId('export-status');
  }

  /** Exports and returns both files as saved. */
  async export(): Promise<{ readonly csvName: string; readonly csv: string; readonly pngName: string; readonly png: Buffer }> {
    const csvDownload = this.page.waitForEvent('download', (download) => download.suggestedFilename().endsWith('.csv'));
    const pngDownload = this.page.waitForEvent('download', (download) => download.suggestedFilename().endsWith('.png'));
    await this.button.click();
    const [csvFile, pngFile] = [await csvDownload, await pngDownload];
    await expect(this.status).toHaveText(inAnyLanguage((words) => [words.replay.exportSaved, words.replay.exportSavedNoMap]));
    return {
      csvName: csvFile.suggestedFilename(),
      csv: await readFile((await csvFile.path())!, 'utf8'),
      pngName: pngFile.suggestedFilename(),
      png: await readFile((await pngFile.path())!),
    };
  }
}
