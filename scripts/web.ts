import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseRevealPurposeSetting } from '@watchfloor/shared';
import { busyPortMessage, demoUsersLine, HubConfig, readLanguageSetting, startHub } from '../hub/src/index';
import { serveConsole } from './console-server';

/**
 * `npm run web -- --port P [--hub URL] [--data DIR] [--seed N] [--rate R] [--allowed-origins LIST]
 * [--handling-label TEXT] [--reveal-purposes LIST] [--language CODE]` (the last three as the hub's options of
 * the same name): the console in a browser on http://127.0.0.1:P. Without --hub it starts the embedded demo
 * hub (PGlite in --data, default .data/web-hub) serving the built renderer on the same port, so the console
 * is the hub's own origin; --allowed-origins lets consoles served elsewhere use that hub too. With --hub it
 * serves the renderer and points it at that hub, which must allow this console's origin.
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4600' },
    hub: { type: 'string' },
    data: { type: 'string', default: '.data/web-hub' },
    seed: { type: 'string', default: '1' },
    rate: { type: 'string', default: '0.4' },
    renderer: { type: 'string', default: 'out/renderer' },
    'log-level': { type: 'string', default: 'warn' },
    'allowed-origins': { type: 'string', default: '' },
    'handling-label': { type: 'string' },
    'reveal-purposes': { type: 'string' },
    language: { type: 'string' },
  },
});

function fail(message: string): never {
  console.error(`watchfloor web: ${message}`);
  process.exit(2);
}

function startFailure(error: unknown): string {
  return `could not start: ${error instanceof Error ? error.message : String(error)}`;
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a number from 0 to 65535, not '${values.port}'.`);
if (!existsSync(`${values.renderer}/index.html`)) fail(`no built renderer in ${values.renderer}. Run 'npm run build' first.`);
const { language, warning: languageWarning } = readLanguageSetting(values.language);
if (languageWarning !== undefined) console.error(`watchfloor web: warning: ${languageWarning}`);

if (values.hub === undefined) {
  const config = HubConfig.safeParse({
    port,
    dataDir: values.data,
    demo: true,
    seed: values.seed,
    rate: values.rate,
    staticDir: values.renderer,
    allowedOrigins: values['allowed-origins'].split(',').filter((origin) => origin.length > 0),
    logLevel: values['log-level'],
    handlingLabel: values['handling-label'],
    language,
    ...(values['reveal-purposes'] === undefined ? {} : { revealPurposes: parseRevealPurposeSetting(values['reveal-purposes']) }),
  });
  if (!config.success) fail(config.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
  console.log('Starting the embedded demo hub (the first start prepares its database, which takes a few seconds)…');
  const hub = await startHub(config.data).catch((error: unknown) => fail(busyPortMessage(error, port, '--port N') ?? startFailure(error)));
  console.log(`Watchfloor web console with demo hub on ${hub.url}/  (users ${demoUsersLine()})`);
  const stop = () => void hub.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} else {
  let hubUrl: string;
  try {
    hubUrl = new URL(values.hub).origin;
  } catch {
    fail(`--hub must be a URL such as https://hub.bureau.example, not '${values.hub}'.`);
  }
  const server = await serveConsole({ port, renderer: values.renderer, hubUrl, ...(language === undefined ? {} : { language }) }).catch((error: unknown) =>
    fail(busyPortMessage(error, port, '--port N') ?? startFailure(error)),
  );
  console.log(`Watchfloor web console on ${server.url}/ for hub ${hubUrl} (start that hub with --allowed-origins ${server.url})`);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void server.close().then(() => process.exit(0)));
}
