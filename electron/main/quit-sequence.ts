/**
 * Lets work finish before the app quits (the embedded hub flushing its database and closing sockets): the
 * first quit is held, the task runs, then the quit goes through. A task that fails does not keep the app
 * open; it is logged.
 */
export interface QuittingApp {
  on(event: 'will-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  quit(): void;
}

export function finishBeforeQuit(
  app: QuittingApp,
  task: () => Promise<void>,
  log: { error(message: string): void },
): void {
  let state: 'running' | 'finishing' | 'done' = 'running';
  app.on('will-quit', (event) => {
    if (state === 'done') return;
    event.preventDefault();
    if (state === 'finishing') return;
    state = 'finishing';
    void task()
      .catch((error: unknown) => log.error(`before quitting: ${String(error)}`))
      .finally(() => {
        state = 'done';
        app.quit();
      });
  });
}
