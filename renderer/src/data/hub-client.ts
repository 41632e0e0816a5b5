import type { Command, CommandAck, DetailsRequest, DetailsResponse, HistoryReply, HistoryRequest, HistoryResponse, PresenceUpdate } from '@watchfloor/shared';
import type { FromWorker, ToWorker, WorkerLike } from './worker-protocol';

/**
 * The UI thread's handle on the data-plane worker: connect, and request/reply calls (commands, history,
 * details) matched by id. Streamed messages go to `onMessage`. A history page the hub rate-limits is asked for
 * again after the wait it names, so replay and gap fill only slow down; any other history error rejects.
 */
export interface HubClient {
  /** `hubId` and `rights`: the hub `since` counts in and the rights it was read with (from the local cache), if known. */
  connect(url: string, token: string, since: number, hubId?: string, rights?: string): void;
  /** A renewed token for the reconnections to come; the open socket stays. */
  setToken(token: string): void;
  disconnect(): void;
  command(command: Command): Promise<CommandAck>;
  history(request: HistoryRequest): Promise<HistoryResponse>;
  details(request: DetailsRequest): Promise<DetailsResponse>;
  presence(update: PresenceUpdate): void;
  dispose(): void;
}

/** How many times a rate-limited history page is asked for before giving up. */
const HISTORY_ATTEMPTS = 10;

export function createHubClient(onMessage: (message: FromWorker) => void, worker: WorkerLike = spawnWorker()): HubClient {
  let nextId = 1;
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const clientId = `console-${Math.random().toString(36).slice(2, 10)}`;
  worker.onmessage = (event: MessageEvent<FromWorker>) => {
    const message = event.data;
    if (message.kind !== 'reply') return onMessage(message);
    const caller = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.ok) caller?.resolve(message.value);
    else caller?.reject(new Error(message.error));
  };
  const send = (message: ToWorker) => worker.postMessage(message);
  function request<T>(event: 'command' | 'history' | 'details', payload: unknown): Promise<T> {
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      send({ kind: 'request', id, event, payload });
    });
  }
  async function history(historyRequest: HistoryRequest): Promise<HistoryResponse> {
    for (let attempt = 1; ; attempt += 1) {
      const reply = await request<HistoryReply>('history', historyRequest);
      if (!('error' in reply)) return reply;
      if (reply.error !== 'rate-limited' || attempt >= HISTORY_ATTEMPTS) throw new Error(reply.message);
      await new Promise((resolve) => setTimeout(resolve, reply.retryAfterMs ?? 1000));
    }
  }
  return {
    connect: (url, token, since, hubId, rights) =>
      send({ kind: 'connect', url, token, since, clientId, ...(hubId === undefined ? {} : { hubId }), ...(rights === undefined ? {} : { rights }) }),
    setToken: (token) => send({ kind: 'token', token }),
    disconnect: () => send({ kind: 'disconnect' }),
    command: (command) => request<CommandAck>('command', command),
    history,
    details: (detailsRequest) => request<DetailsResponse>('details', detailsRequest),
    presence: (update) => send({ kind: 'presence', update }),
    dispose: () => {
      send({ kind: 'disconnect' });
      worker.terminate();
      for (const caller of waiting.values()) caller.reject(new Error('closed'));
      waiting.clear();
    },
  };
}

function spawnWorker(): Worker {
  return new Worker(new URL('./hub-worker.ts', import.meta.url), { type: 'module', name: 'watchfloor-hub' });
}
