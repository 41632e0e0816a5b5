import { describe, expect, it, vi } from 'vitest';
import { takeRecoveredFlag } from './recovered';

describe('crash-recovered flag', () => {
  it('given the shell reloaded after a crash, then the flag is read once and removed from the address', () => {
    const history = { replaceState: vi.fn() };
    expect(takeRecoveredFlag({ href: 'app://watchfloor/index.html?view=wall&recovered=1#/map' }, history)).toBe(true);
    expect(history.replaceState).toHaveBeenCalledWith(null, '', 'app://watchfloor/index.html?view=wall#/map');
  });

  it('given a normal start, then there is no notice and the address is left alone', () => {
    const history = { replaceState: vi.fn() };
    expect(takeRecoveredFlag({ href: 'app://watchfloor/index.html' }, history)).toBe(false);
    expect(history.replaceState).not.toHaveBeenCalled();
  });
});
