import { IPC_CONTRACT, describeIssues, parseWith, type IpcChannel } from '@watchfloor/shared';
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
export type BridgeHandlers = { readonly [C in IpcChannel]: (request: Request<C>) => Promise<Response<C>> | Response<C> };

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
      const handler = handlers[channel] as (input: unknown) => unknown;
      return contract.response.parse(await handler(request.value));
    });
  }
}
