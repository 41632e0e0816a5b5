import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { LOG_MAX_BYTES, configureLogging, logsFolder, type ElectronLogLike } from './logging';

function fakeLog(): ElectronLogLike {
  return {
    transports: {
      file: { maxSize: 0, level: false, getFile: () => ({ path: '/home/o/.config/Watchfloor/logs/main.log' }) },
      console: { level: false },
    },
    errorHandler: { startCatching: vi.fn() },
  };
}

describe('logging', () => {
  it('given the app starts, then the log file rotates at 5 MB and uncaught errors are logged without a dialog', () => {
    const log = fakeLog();
    configureLogging(log, { packaged: true });
    expect(log.transports.file.maxSize).toBe(LOG_MAX_BYTES);
    expect(LOG_MAX_BYTES).toBe(5 * 1024 * 1024);
    expect(log.transports.file.level).toBe('info');
    expect(log.transports.console.level).toBe('warn');
    expect(log.errorHandler.startCatching).toHaveBeenCalledWith({ showDialog: false });
  });

  it('given the log file, then "Open logs folder" opens its folder', () => {
    expect(logsFolder(fakeLog())).toBe(path.dirname('/home/o/.config/Watchfloor/logs/main.log'));
  });
});
