import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('data-protection stylesheet', () => {
  it('given the layout, then it uses logical properties only (right-to-left safe)', () => {
    const css = readFileSync(new URL('./audit.css', import.meta.url), 'utf8');
    expect(css.match(/(^|[\s;{])(margin|padding|border)-(left|right)\b|(^|[\s;{])(left|right)\s*:|text-align:\s*(left|right)/gm) ?? []).toEqual([]);
  });
});
