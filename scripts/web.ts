import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { staticFileHandler } from '../hub/src/http/static-files';

/**
 * `npm run web -- --port P`: serves the built renderer on http://127.0.0.1:P for a browser.
 */
const { values } = parseArgs({ options: { port: { type: 'string', default: '4600' }, renderer: { type: 'string', default: 'out/renderer' } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`watchfloor web: --port must be a number from 1 to 65535, not '${values.port}'.`);
  process.exit(2);
}
if (!existsSync(`${values.renderer}/index.html`)) {
  console.error(`watchfloor web: no built renderer in ${values.renderer}. Run 'npm run build' first.`);
  process.exit(2);
}
const serveStatic = staticFileHandler(values.renderer);
const server = createServer((request, response) => {
  void serveStatic(request, response).then((served) => {
    if (!served) response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
  });
});
server.listen(port, '127.0.0.1', () => console.log(`Watchfloor web console on http://127.0.0.1:${port}/`));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));
