import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LanguageCode } from '@watchfloor/shared';
import { consoleHeaders } from '../hub/src/http/security-headers';
import { staticFileHandler } from '../hub/src/http/static-files';

/**
 * Serves the built renderer and a /config.json pointing it at a hub elsewhere, with the bureau's language
 * when one is given: the console for a hub that runs on its own (`npm run web -- --hub URL`, and the e2e
 * tests that cut the hub off or set the bureau's language).
 */
export interface ConsoleServer {
  readonly url: string;
  close(): Promise<void>;
}

export interface ConsoleServerOptions {
  readonly port: number;
  readonly renderer: string;
  readonly hubUrl: string;
  readonly language?: LanguageCode;
}

export async function serveConsole(options: ConsoleServerOptions): Promise<ConsoleServer> {
  // The page may connect to its own server and to the hub named in /config.json, nowhere else.
  const serveStatic = staticFileHandler(options.renderer, consoleHeaders(options.hubUrl));
  const server = createServer((request, response) => {
    if (request.url === '/config.json') {
      response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
      response.end(JSON.stringify({ hubUrl: options.hubUrl, demo: false, demoUsers: [], ...(options.language === undefined ? {} : { language: options.language }) }));
      return;
    }
    void serveStatic(request, response).then((served) => {
      if (!served) response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
