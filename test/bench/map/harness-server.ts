import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { staticFileHandler } from '../../../hub/src/http/static-files';

/** Serves the built renderer on a free local port for a benchmark's browser. */
export async function serveBuiltRenderer(dir = 'out/renderer'): Promise<{ url: string; close(): Promise<void> }> {
  if (!existsSync(`${dir}/map-harness.html`)) {
    throw new Error(`no built map harness in ${dir}: run 'npx electron-vite build --mode harness' first`);
  }
  const serve = staticFileHandler(dir, {});
  const server: Server = createServer((request, response) => {
    void serve(request, response).then((served) => {
      if (!served) response.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
