import { createServer, connect, type AddressInfo, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a hub that can fail on command: cut every connection (and refuse new ones) as
 * a pulled cable would, or let bytes through in one direction only. Clients connect to `url`.
 */
export interface FaultProxy {
  readonly url: string;
  readonly port: number;
  /** Drops every connection and refuses new ones until `restore`. */
  cut(): void;
  /** Keeps connections open but lets nothing through towards `direction`'s receiver until `restore`. */
  blackhole(direction: 'to-hub' | 'to-client'): void;
  restore(): void;
  /** Connections dropped by `cut` so far. */
  readonly dropped: number;
  close(): Promise<void>;
}

export async function startFaultProxy(target: { host?: string; port: () => number }, port = 0): Promise<FaultProxy> {
  const pairs = new Set<{ client: Socket; hub: Socket }>();
  let down = false;
  let silent: 'to-hub' | 'to-client' | undefined;
  let dropped = 0;
  const server = createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const hub = connect({ host: target.host ?? '127.0.0.1', port: target.port() });
    const pair = { client, hub };
    pairs.add(pair);
    client.on('data', (chunk) => silent !== 'to-hub' && hub.write(chunk));
    hub.on('data', (chunk) => silent !== 'to-client' && client.write(chunk));
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      hub.destroy();
    };
    client.on('close', end).on('error', end);
    hub.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.address() as AddressInfo).port;
  const proxy: FaultProxy = {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    get dropped() {
      return dropped;
    },
    cut() {
      down = true;
      for (const pair of pairs) {
        dropped += 1;
        pair.client.destroy();
        pair.hub.destroy();
      }
      pairs.clear();
    },
    blackhole(direction) {
      silent = direction;
    },
    restore() {
      down = false;
      silent = undefined;
    },
    async close() {
      proxy.cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}

/** A port nothing listens on right now, for a hub that will be stopped and started again on it. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
