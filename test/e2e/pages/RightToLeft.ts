import type { Locator, Page } from '@playwright/test';

/**
 * The console in a right-to-left language, as a bureau that sets Arabic serves it (its /config.json names
 * the language), and where things sit on screen: horizontal edges of boxes and of a text's first letter.
 */
export async function servedInArabic(page: Page): Promise<void> {
  await page.route('**/config.json', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...(await response.json()), language: 'ar' } });
  });
}

export interface Edges {
  readonly left: number;
  readonly right: number;
}

export async function edgesOf(locator: Locator): Promise<Edges> {
  const box = await locator.boundingBox();
  if (box === null) throw new Error(`${String(locator)} is not on screen`);
  return { left: box.x, right: box.x + box.width };
}

/** Page direction and language, as the document states them. */
export async function documentDirection(page: Page): Promise<{ dir: string; lang: string }> {
  return page.evaluate(() => ({ dir: document.documentElement.dir, lang: document.documentElement.lang }));
}

/**
 * Names cut to fit their column, each with where its first letter is drawn and the box's sides: a cut name
 * keeps its start when the first letter sits at the start side of its own script (the left for Latin).
 */
export async function cutNames(names: Locator): Promise<{ text: string; firstLetterLeft: number; box: Edges }[]> {
  return names.evaluateAll((elements) =>
    elements
      .filter((element) => element.scrollWidth > element.clientWidth + 1 && element.firstChild !== null)
      .map((element) => {
        const range = document.createRange();
        range.setStart(element.firstChild!, 0);
        range.setEnd(element.firstChild!, 1);
        const box = element.getBoundingClientRect();
        return { text: element.textContent ?? '', firstLetterLeft: range.getBoundingClientRect().left, box: { left: box.left, right: box.right } };
      }),
  );
}

/** Loads the console's Arabic font for Arabic text, as the page would on its first Arabic letter; its weights that loaded. */
export async function arabicFontWeights(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const weights = await Promise.all(['400', '600', '700'].map((weight) => document.fonts.load(`${weight} 13px "Noto Sans Arabic"`, 'مركز التنسيق')));
    return weights.flat().filter((face) => face.status === 'loaded').map((face) => face.weight);
  });
}
