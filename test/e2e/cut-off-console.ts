import type { TestInfo } from '@playwright/test';
import { serveConsole, type ConsoleServer } from '../../scripts/console-server';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';

/**
 * The console served on its own, reaching the demo hub through a proxy a test can cut: a pulled cable as a
 * workstation lives it. The hub allows a console served on the port after its own (playwright.config.ts).
 */
export interface CutOffConsole {
  readonly proxy: FaultProxy;
  readonly server: ConsoleServer;
  close(): Promise<void>;
}

/** The browser reports the refused and reset connections to a cut-off hub; specs using this expect them. */
export const CUT_OFF_CONSOLE_ERRORS = /WebSocket connection to .* failed|ERR_CONNECTION_(REFUSED|RESET|CLOSED)|ERR_SOCKET_NOT_CONNECTED|ERR_EMPTY_RESPONSE|socket hang up/;

export async function serveCutOffConsole(testInfo: TestInfo): Promise<CutOffConsole> {
  const hubPort = Number(new URL(testInfo.project.use.baseURL!).port);
  const proxy = await startFaultProxy({ port: () => hubPort });
  const server = await serveConsole({ port: hubPort + 1, renderer: 'out/renderer', hubUrl: proxy.url });
  return {
    proxy,
    server,
    close: async () => {
      await server.close();
      await proxy.close();
    },
  };
}
