import { IPC_CHANNELS, IPC_CONTRACT, type WatchfloorBridge } from '@watchfloor/shared';

/**
 * Builds the object exposed as `window.watchfloor`. It hands the renderer functions only, never
 * ipcRenderer itself, and checks what comes back against the shared contract.
 */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
}

export function createBridge(ipcRenderer: IpcRendererLike): WatchfloorBridge {
  return {
    appInfo: async () => IPC_CONTRACT[IPC_CHANNELS.appInfo].response.parse(await ipcRenderer.invoke(IPC_CHANNELS.appInfo)),
    openExternal: async (url) => {
      if (!IPC_CONTRACT[IPC_CHANNELS.openExternal].request.safeParse(url).success) return false;
      return IPC_CONTRACT[IPC_CHANNELS.openExternal].response.parse(
        await ipcRenderer.invoke(IPC_CHANNELS.openExternal, url),
      );
    },
  };
}
