import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket as ServerSocket } from 'socket.io';
import type { FromWorker, ToWorker } from '../../renderer/src/data/worker-protocol';

/**
 * The renderer's data-plane worker (hub-worker.ts) loaded in this process as a worker scope, against a
 * socket.io hub whose every connection the test in hand handles. What the worker posts to the UI thread
 * collects in `posted`; `send` is the UI thread's message to it. One per test file: the worker module
 * binds to the scope once, when it is first imported.
 */
export interface DataPlaneWorker {
  readonly posted: FromWorker[];
  /** The fake hub's address, once started. */
  url(): string;
  start(onConnection: (socket: ServerSocket) => void): Promise<void>;
  send(message: ToWorker): void;
  /** Disconnects the worker and closes the fake hub. */
  stop(): void;
}

export function dataPlaneWorker(): DataPlaneWorker {
  const posted: FromWorker[] = [];
  const scope: { postMessage: (message: FromWorker) => void; onmessage: ((event: { data: ToWorker }) => void) | null } = {
    postMessage: (message) => posted.push(message),
    onmessage: null,
  };
  let url = '';
  let io: Server | undefined;
  return {
    posted,
    url: () => url,
    async start(onConnection) {
      const http = createServer();
      io = new Server(http, { transports: ['websocket'] });
      io.of('/ops').on('connection', onConnection);
      await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
      (globalThis as unknown as { self: typeof scope }).self = scope;
      await import('../../renderer/src/data/hub-worker');
    },
    send: (message) => scope.onmessage!({ data: message }),
    stop() {
      scope.onmessage?.({ data: { kind: 'disconnect' } });
      void io?.close();
    },
  };
}
