import {
  IPC_CONTRACT,
  IPC_EVENT_CONTRACT,
  describeIssues,
  parseWith,
  type IpcChannel,
  type IpcEventChannel,
} from '@watchfloor/shared';
import type { z } from 'zod';

/**
 * Main-process side of the bridge: a fixed channel set, each request accepted only from the app's own
 * top-level frame and only when its payload matches the shared schema. Everything else is refused and
 * logged; a refused call rejects in the renderer with a plain message.
 */
export interface SenderFrameLike {
  readonly url: string;
  readonly parent: unknown;
}
export interface IpcInvokeEventLike {
  readonly senderFrame: SenderFrameLike | null;
}
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void;
}

type Request<C extends IpcChannel> = z.infer<(typeof IPC_CONTRACT)[C]['request']>;
type Response<C extends IpcChannel> = z.infer<(typeof IPC_CONTRACT)[C]['response']>;
/** Who is calling: the URL of the app frame (the desk console or the wall map, `?view=wall`). */
export interface IpcCaller {
  readonly frameUrl: string;
}
export type BridgeHandlers = {
  readonly [C in IpcChannel]: (request: Request<C>, caller: IpcCaller) => Promise<Response<C>> | Response<C>;
};

export interface IpcLog {
  warn(message: string): void;
}

export class IpcRefusal extends Error {
  override readonly name = 'IpcRefusal';
}

export function registerBridgeHandlers(
  ipcMain: IpcMainLike,
  handlers: BridgeHandlers,
  isTrustedUrl: (url: string) => boolean,
  log: IpcLog,
): void {
  for (const channel of Object.keys(IPC_CONTRACT) as IpcChannel[]) {
    ipcMain.handle(channel, async (event, ...args) => {
      const frame = event.senderFrame;
      if (frame === null || frame.parent !== null || !isTrustedUrl(frame.url)) {
        log.warn(`IPC ${channel} refused: sender frame ${frame?.url ?? '(gone)'} is not the app's own`);
        throw new IpcRefusal(`${channel}: sender not allowed`);
      }
      const contract = IPC_CONTRACT[channel];
      const request = parseWith(contract.request, args[0]);
      if (!request.ok || args.length > 1) {
        const why = request.ok ? 'too many arguments' : describeIssues(request.issues);
        log.warn(`IPC ${channel} refused: invalid payload (${why})`);
        throw new IpcRefusal(`${channel}: invalid payload (${why})`);
      }
      const handler = handlers[channel] as (input: unknown, caller: IpcCaller) => unknown;
      return contract.response.parse(await handler(request.value, { frameUrl: frame.url }));
    });
  }
}

export interface EventTargetContents {
  send(channel: string, ...args: unknown[]): void;
}

/** Main -> renderer: only the contract's events, with payloads checked before they leave. */
export function sendBridgeEvent<E extends IpcEventChannel>(
  contents: EventTargetContents,
  channel: E,
  payload: z.infer<(typeof IPC_EVENT_CONTRACT)[E]>,
): void {
  contents.send(channel, IPC_EVENT_CONTRACT[channel].parse(payload));
}
