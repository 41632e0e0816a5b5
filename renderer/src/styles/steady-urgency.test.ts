import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** Urgency is shown steadily: a blinking deadline is invisible half the time, so nothing may blink. */
const css = ['app.css', '../map/map.css', '../replay/replay.css', '../audit/audit.css'].map((file) => readFileSync(fileURLToPath(new URL(file, import.meta.url)), 'utf8')).join('\n');

describe('urgency styles', () => {
  it('given the stylesheets, then no animation repeats forever and nothing is hidden by a keyframe', () => {
    expect(css.match(/infinite/g) ?? []).toEqual([]);
    expect(css.match(/@keyframes[^{]*\{[^}]*visibility/g) ?? []).toEqual([]);
  });
});
