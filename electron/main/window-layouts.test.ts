import { describe, expect, it, vi } from 'vitest';
import {
  MAX_REMEMBERED_DISPLAY_SETS,
  createLayoutMemory,
  displaySetKey,
  parseWindowLayouts,
  recallBounds,
  rememberBounds,
  type DisplayLike,
} from './window-layouts';

const display = (id: number, x: number, width = 1920, height = 1080): DisplayLike => ({
  id,
  bounds: { x, y: 0, width, height },
  workArea: { x, y: 0, width, height: height - 40 },
});
const laptop = display(1, 0, 1440, 900);
const wall = display(2, 1440, 3840, 2160);

describe('window layouts', () => {
  it('given the same displays in any order, then the key is the same; another set, then another key', () => {
    expect(displaySetKey([laptop, wall])).toBe(displaySetKey([wall, laptop]));
    expect(displaySetKey([laptop])).not.toBe(displaySetKey([laptop, wall]));
    expect(displaySetKey([laptop, display(2, 1440, 1920, 1080)])).not.toBe(displaySetKey([laptop, wall]));
  });

  it('given bounds remembered for a display set, then they come back for that set only', () => {
    const bounds = { x: 1500, y: 20, width: 3000, height: 1800 };
    const layouts = rememberBounds({}, displaySetKey([laptop, wall]), 'wall', bounds);
    expect(recallBounds(layouts, [laptop, wall], 'wall')).toEqual(bounds);
    expect(recallBounds(layouts, [laptop], 'wall')).toBeUndefined();
    expect(recallBounds(layouts, [laptop, wall], 'desk')).toBeUndefined();
  });

  it('given remembered bounds that are off every display, then they are not used', () => {
    const key = displaySetKey([laptop]);
    const layouts = rememberBounds({}, key, 'desk', { x: 5000, y: 5000, width: 800, height: 600 });
    expect(recallBounds(layouts, [laptop], 'desk')).toBeUndefined();
  });

  it('given many display sets over time, then only the most recent are kept', () => {
    let layouts = {};
    for (let i = 0; i < MAX_REMEMBERED_DISPLAY_SETS + 5; i++) {
      layouts = rememberBounds(layouts, `set-${i}`, 'desk', { x: 0, y: 0, width: 800, height: 600 });
    }
    const keys = Object.keys(layouts);
    expect(keys).toHaveLength(MAX_REMEMBERED_DISPLAY_SETS);
    expect(keys.at(-1)).toBe(`set-${MAX_REMEMBERED_DISPLAY_SETS + 4}`);
  });

  it('given a damaged layouts file, then malformed entries are dropped instead of trusted', () => {
    expect(parseWindowLayouts('{not json')).toEqual({});
    expect(parseWindowLayouts('[1,2]')).toEqual({});
    expect(
      parseWindowLayouts(JSON.stringify({ k: { desk: { x: 0, y: 0, width: 800, height: 600 }, wall: { x: 'a' } }, j: 3 })),
    ).toEqual({ k: { desk: { x: 0, y: 0, width: 800, height: 600 } } });
  });

  it('given the layout memory, then a remembered position survives a restart through the file', () => {
    let file: string | undefined;
    const first = createLayoutMemory(() => file, (text) => void (file = text), { warn: vi.fn() });
    first.remember('desk', [laptop, wall], { x: 10, y: 10, width: 1200, height: 800 });
    const second = createLayoutMemory(() => file, vi.fn(), { warn: vi.fn() });
    expect(second.recall('desk', [wall, laptop])).toEqual({ x: 10, y: 10, width: 1200, height: 800 });
  });

  it('given the file cannot be written, then the failure is logged and nothing throws', () => {
    const log = { warn: vi.fn() };
    const memory = createLayoutMemory(() => undefined, () => { throw new Error('EACCES'); }, log);
    expect(() => memory.remember('desk', [laptop], { x: 0, y: 0, width: 800, height: 600 })).not.toThrow();
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('EACCES'));
  });
});
