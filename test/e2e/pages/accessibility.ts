import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/**
 * The accessibility check an officer relying on a screen reader or a high-contrast need would make: axe-core
 * over the whole page as shown, failing on every serious or critical violation. The report names each rule,
 * its impact and the elements that break it, so a failure says what to fix.
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const blocking = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help}\n${violation.nodes
      .slice(0, 6)
      .map((node) => `    ${node.target.join(' ')} ${node.failureSummary?.split('\n').slice(1, 2).join(' ') ?? ''}`)
      .join('\n')}`);
  expect(blocking, `serious or critical accessibility violations on ${screen}`).toEqual([]);
}
