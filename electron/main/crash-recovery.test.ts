import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { recoverFromCrashes, recoveryUrl } from './crash-recovery';

function fakeContents(url: string) {
  const events = new EventEmitter();
  const loaded: string[] = [];
  return {
    contents: {
      on: (event: 'render-process-gone', listener: (...args: never[]) => void) => events.on(event, listener as (...args: unknown[]) => void),
      getURL: () => url,
      loadURL: async (next: string) => void loaded.push(next),
    },
    loaded,
    crash: (reason: string) => events.emit('render-process-gone', {}, { reason, exitCode: 133 }),
  };
}

describe('crash recovery', () => {
  it('given a crashed renderer, then it is reloaded on the same view with recovered=1', () => {
    const fake = fakeContents('app://watchfloor/index.html?view=wall#/map');
    recoverFromCrashes(fake.contents, { fallbackUrl: 'app://watchfloor/index.html', now: () => 0, log: { warn: vi.fn(), error: vi.fn() }, onGiveUp: vi.fn() });
    fake.crash('crashed');
    expect(fake.loaded).toEqual(['app://watchfloor/index.html?view=wall&recovered=1#/map']);
  });

  it('given the crashed page was not the app (or is gone), then the app entry is loaded instead', () => {
    expect(recoveryUrl('', 'app://watchfloor/index.html')).toBe('app://watchfloor/index.html?recovered=1');
    expect(recoveryUrl('https://evil.example/', 'app://watchfloor/index.html')).toBe('app://watchfloor/index.html?recovered=1');
  });

  it('given a clean exit (the window closing), then nothing is reloaded', () => {
    const fake = fakeContents('app://watchfloor/index.html');
    recoverFromCrashes(fake.contents, { fallbackUrl: 'app://watchfloor/index.html', now: () => 0, log: { warn: vi.fn(), error: vi.fn() }, onGiveUp: vi.fn() });
    fake.crash('clean-exit');
    expect(fake.loaded).toEqual([]);
  });

  it('given a renderer that crashes again and again, then after three reloads in a minute it gives up; later it reloads again', () => {
    let now = 0;
    const onGiveUp = vi.fn();
    const fake = fakeContents('app://watchfloor/index.html');
    recoverFromCrashes(fake.contents, { fallbackUrl: 'app://watchfloor/index.html', now: () => now, log: { warn: vi.fn(), error: vi.fn() }, onGiveUp });
    for (const reason of ['crashed', 'oom', 'killed', 'crashed']) {
      fake.crash(reason);
      now += 1_000;
    }
    expect(fake.loaded).toHaveLength(3);
    expect(onGiveUp).toHaveBeenCalledTimes(1);
    now += 120_000;
    fake.crash('crashed');
    expect(fake.loaded).toHaveLength(4);
  });
});
