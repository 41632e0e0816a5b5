import { describe, expect, it } from 'vitest';
import { awaitingFirstPicture } from './first-picture';

describe('the first picture', () => {
  it('given neither the hub’s snapshot nor a cached picture yet, then the console is loading, not empty', () => {
    expect(awaitingFirstPicture({ receivedAt: undefined, fromCache: false })).toBe(true);
  });

  it('given a picture from the hub or from the cache, then it is no longer loading', () => {
    expect(awaitingFirstPicture({ receivedAt: 1_000, fromCache: false })).toBe(false);
    expect(awaitingFirstPicture({ receivedAt: 1_000, fromCache: true })).toBe(false);
  });
});
