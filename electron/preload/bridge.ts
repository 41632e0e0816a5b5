import {
  IPC_CHANNELS,
  IPC_CONTRACT,
  IPC_EVENT_CONTRACT,
  IPC_EVENTS,
  type IpcChannel,
  type WatchfloorBridge,
} from '@watchfloor/shared';
import type { z } from 'zod';

/**
 * Builds the object exposed as `window.watchfloor`. It hands the renderer functions only, never
 * ipcRenderer or an IPC event, checks what the page sends before it leaves the preload, and checks what
 * comes back against the shared contract.
 */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

type Request<C extends IpcChannel> = z.infer<(typeof IPC_CONTRACT)[C]['request']>;
type Response<C extends IpcChannel> = z.infer<(typeof IPC_CONTRACT)[C]['response']>;

export function createBridge(ipcRenderer: IpcRendererLike): WatchfloorBridge {
  async function call<C extends IpcChannel>(channel: C, ...request: [] | [Request<C>]): Promise<Response<C>> {
    const contract = IPC_CONTRACT[channel];
    const checked = contract.request.safeParse(request[0]);
    if (!checked.success) throw new TypeError(`${channel}: invalid request (${checked.error.issues[0]?.message ?? 'invalid'})`);
    const answer = request.length === 0 ? await ipcRenderer.invoke(channel) : await ipcRenderer.invoke(channel, checked.data);
    return contract.response.parse(answer) as Response<C>;
  }

  return {
    appInfo: () => call(IPC_CHANNELS.appInfo),
    openExternal: async (url) => {
      if (!IPC_CONTRACT[IPC_CHANNELS.openExternal].request.safeParse(url).success) return false;
      return call(IPC_CHANNELS.openExternal, url);
    },
    hubConfig: () => call(IPC_CHANNELS.hubConfig),
    reportAlerts: (summary) => call(IPC_CHANNELS.reportAlerts, summary),
    setDoNotDisturb: (minutes) => call(IPC_CHANNELS.setDoNotDisturb, minutes),
    doNotDisturb: () => call(IPC_CHANNELS.doNotDisturb),
    openWallMap: () => call(IPC_CHANNELS.openWallMap),
    saveToken: (token) => call(IPC_CHANNELS.tokenSave, token),
    loadToken: () => call(IPC_CHANNELS.tokenLoad),
    clearToken: () => call(IPC_CHANNELS.tokenClear),
    onFocusAlert: (callback) => {
      const listener = (_event: unknown, payload: unknown) => {
        // The page gets a validated alert id, never the IPC event (which would reach ipcRenderer).
        const parsed = IPC_EVENT_CONTRACT[IPC_EVENTS.focusAlert].safeParse(payload);
        if (parsed.success) callback(parsed.data.alertId);
      };
      ipcRenderer.on(IPC_EVENTS.focusAlert, listener);
      return () => void ipcRenderer.removeListener(IPC_EVENTS.focusAlert, listener);
    },
  };
}
