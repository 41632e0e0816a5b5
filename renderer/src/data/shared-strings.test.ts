import { aHit } from '@watchfloor/shared/testing';
import { describe, expect, it } from 'vitest';
import { createSharedStrings } from './shared-strings';

describe('shared strings', () => {
  it('given hits received as copies, when shared, then every field keeps its value', () => {
    const strings = createSharedStrings();
    const hits = [aHit(), aHit({ id: 'hit-2', country: 'BJ', summary: 'Another wording' })].map((hit) => structuredClone(hit));
    const expected = structuredClone(hits);
    for (const hit of hits) strings.share(hit);
    for (const hit of hits) strings.share(hit);
    expect(hits).toEqual(expected);
  });

  it('given a frozen hit, when shared, then it is left as it is', () => {
    const hit = Object.freeze(aHit());
    expect(() => createSharedStrings().share(hit)).not.toThrow();
    expect(hit).toEqual(aHit());
  });
});
