import { describe, expect, it } from 'vitest';
import { viewModeOf } from './view-mode';

describe('view mode', () => {
  it('given the player at the live edge, then the screen is live whatever it plays', () => {
    expect(viewModeOf({ mode: 'live', playing: true })).toBe('live');
  });

  it('given the player in the past, when it stands still, then the screen is paused; when it plays, replay', () => {
    expect(viewModeOf({ mode: 'replay', playing: false })).toBe('paused');
    expect(viewModeOf({ mode: 'replay', playing: true })).toBe('replay');
  });
});
