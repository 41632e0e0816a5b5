import { EmbeddedHubCommand, type EmbeddedHubMessage } from '@watchfloor/shared';
import { readConfig } from './config';
import { startHub } from './hub';

/**
 * Entry of the hub inside the desktop app: Electron starts it with `utilityProcess.fork` and talks to it
 * over `process.parentPort` (ready / error / stop / stopped, schemas in shared/bridge).
 */
interface ParentPort {
  on(event: 'message', listener: (message: { data: unknown }) => void): void;
  postMessage(message: EmbeddedHubMessage): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

function post(message: EmbeddedHubMessage): void {
  if (parentPort) parentPort.postMessage(message);
  else console.log(JSON.stringify(message));
}

async function main(): Promise<void> {
  const read = readConfig(process.argv.slice(2), process.env);
  if (!('config' in read)) {
    post({ type: 'error', message: 'error' in read ? read.error : 'no configuration given' });
    process.exit(2);
  }
  const hub = await startHub(read.config);
  post({ type: 'ready', url: hub.url, hubId: hub.hubId });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await hub.stop();
    post({ type: 'stopped' });
    process.exit(0);
  };
  parentPort?.on('message', ({ data }) => {
    if (EmbeddedHubCommand.safeParse(data).success) void stop();
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop());
}

main().catch((error: unknown) => {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
