import path from 'node:path';

/**
 * Logging through electron-log: a rotating file in the OS's log folder (bureau IT collects it from Help >
 * Open logs folder), the console in development. The file holds operational messages only; no alert
 * contents and no personal data are ever logged.
 */
export const LOG_MAX_BYTES = 5 * 1024 * 1024;

export interface ElectronLogLike {
  transports: {
    file: { maxSize: number; level: string | false; getFile(): { path: string } };
    console: { level: string | false };
  };
  errorHandler: { startCatching(options?: { showDialog?: boolean }): void };
}

export function configureLogging(log: ElectronLogLike, options: { readonly packaged: boolean }): void {
  // electron-log keeps one previous file (`main.old.log`) when the current one passes maxSize.
  log.transports.file.maxSize = LOG_MAX_BYTES;
  log.transports.file.level = 'info';
  log.transports.console.level = options.packaged ? 'warn' : 'debug';
  // Uncaught errors are logged; the officer is told by the window that failed, not by a technical dialog.
  log.errorHandler.startCatching({ showDialog: false });
}

export function logsFolder(log: ElectronLogLike): string {
  return path.dirname(log.transports.file.getFile().path);
}
