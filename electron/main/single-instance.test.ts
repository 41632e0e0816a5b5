import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { bringToFront, claimSingleInstance } from './single-instance';

function fakeApp(gotLock: boolean) {
  const events = new EventEmitter();
  return {
    requestSingleInstanceLock: vi.fn(() => gotLock),
    on: (event: string, listener: (...args: never[]) => void) => events.on(event, listener as (...args: unknown[]) => void),
    quit: vi.fn(),
    emit: (event: string, ...args: unknown[]) => events.emit(event, ...args),
  };
}

describe('single instance', () => {
  it('given this is the first instance, then it goes on and a second launch brings its window forward', () => {
    const app = fakeApp(true);
    const window = { isMinimized: () => true, restore: vi.fn(), show: vi.fn(), focus: vi.fn() };
    expect(claimSingleInstance(app, () => bringToFront(window))).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    app.emit('second-instance');
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });

  it('given another instance holds the lock, then this one quits without starting', () => {
    const app = fakeApp(false);
    const onSecond = vi.fn();
    expect(claimSingleInstance(app, onSecond)).toBe(false);
    expect(app.quit).toHaveBeenCalledTimes(1);
    app.emit('second-instance');
    expect(onSecond).not.toHaveBeenCalled();
  });

  it('given no window yet, then bringing it forward does nothing', () => {
    expect(() => bringToFront(undefined)).not.toThrow();
  });
});
