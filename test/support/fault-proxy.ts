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
  /**
   * Keeps connections open but lets nothing through towards `direction`'s receiver until `restore`.
   * By default the bytes are lost, and `restore` then drops the connections that lost some: TCP never hands
   * on a stream with a hole in it, it gives the connection up. With `hold`, they wait and go through on
   * `restore`, late but whole, as over a link that stalled and came back before TCP gave up.
   */
  blackhole(direction: 'to-hub' | 'to-client', options?: { readonly hold?: boolean }): void;
  restore(): void;
  /** Connections dropped by `cut` (and by `restore` after a lossy blackhole) so far. */
  readonly dropped: number;
  close(): Promise<void>;
}

type Direction = 'to-hub' | 'to-client';

interface Pair {
  readonly client: Socket;
  readonly hub: Socket;
  /** Bytes a lossy blackhole swallowed: the stream is broken for good. */
  lost: boolean;
  readonly held: Record<Direction, Buffer[]>;
}

export async function startFaultProxy(target: { host?: string; port: () => number }, port = 0): Promise<FaultProxy> {
  const pairs = new Set<Pair>();
  let down = false;
  let silent: Direction | undefined;
  let holding = false;
  let dropped = 0;
  const drop = (pair: Pair) => {
    dropped += 1;
    pairs.delete(pair);
    pair.client.destroy();
    pair.hub.destroy();
  };
  const forward = (pair: Pair, direction: Direction, chunk: Buffer) => {
    if (silent === direction) {
      if (holding) pair.held[direction].push(chunk);
      else pair.lost = true;
      return;
    }
    (direction === 'to-hub' ? pair.hub : pair.client).write(chunk);
  };
  const server = createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const hub = connect({ host: target.host ?? '127.0.0.1', port: target.port() });
    const pair: Pair = { client, hub, lost: false, held: { 'to-hub': [], 'to-client': [] } };
    pairs.add(pair);
    client.on('data', (chunk: Buffer) => forward(pair, 'to-hub', chunk));
    hub.on('data', (chunk: Buffer) => forward(pair, 'to-client', chunk));
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
      for (const pair of [...pairs]) drop(pair);
    },
    blackhole(direction, options = {}) {
      silent = direction;
      holding = options.hold === true;
    },
    restore() {
      down = false;
      silent = undefined;
      holding = false;
      for (const pair of [...pairs]) {
        if (pair.lost) {
          drop(pair);
          continue;
        }
        for (const direction of ['to-hub', 'to-client'] as const) {
          const socket = direction === 'to-hub' ? pair.hub : pair.client;
          for (const chunk of pair.held[direction].splice(0)) socket.write(chunk);
        }
      }
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
