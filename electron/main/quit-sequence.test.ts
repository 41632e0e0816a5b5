import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { finishBeforeQuit } from './quit-sequence';

function fakeApp() {
  const events = new EventEmitter();
  return {
    on: (event: string, listener: (...args: never[]) => void) => events.on(event, listener as (...args: unknown[]) => void),
    quit: vi.fn(),
    emit: (event: string, ...args: unknown[]) => events.emit(event, ...args),
  };
}

describe('quit sequence', () => {
  const quitEvent = () => {
    const event = { prevented: false, preventDefault: () => void (event.prevented = true) };
    return event;
  };

  it('given work to finish, then the first quit waits for it, then quits for real', async () => {
    const app = fakeApp();
    let finish!: () => void;
    const task = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    finishBeforeQuit(app, task, { error: vi.fn() });

    const first = quitEvent();
    app.emit('will-quit', first);
    expect(first.prevented).toBe(true);
    const impatient = quitEvent();
    app.emit('will-quit', impatient);
    expect(impatient.prevented).toBe(true);
    expect(task).toHaveBeenCalledTimes(1);
    expect(app.quit).not.toHaveBeenCalled();

    finish();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
    const final = quitEvent();
    app.emit('will-quit', final);
    expect(final.prevented).toBe(false);
  });

  it('given the work fails, then it is logged and the app still quits', async () => {
    const app = fakeApp();
    const log = { error: vi.fn() };
    finishBeforeQuit(app, () => Promise.reject(new Error('hub did not answer')), log);
    app.emit('will-quit', quitEvent());
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('hub did not answer'));
  });
});
