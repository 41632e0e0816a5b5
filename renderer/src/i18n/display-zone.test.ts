import { describe, expect, it, vi } from 'vitest';
import { displayZone, setDisplayZone } from './display-zone';

describe('display zone', () => {
  it('given the bureau zone, then local times use it; given an unknown zone, then it is refused with a warning', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    setDisplayZone('Africa/Lagos');
    expect(displayZone()).toBe('Africa/Lagos');
    setDisplayZone('Mars/Olympus_Mons');
    expect(displayZone()).toBe('Africa/Lagos');
    expect(warn).toHaveBeenCalledOnce();
    setDisplayZone(undefined);
    expect(displayZone()).toBe('Africa/Lagos');
    warn.mockRestore();
  });
});
