import { IPC_CHANNELS } from '@watchfloor/shared';
import { describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL, isAppUrl } from './app-protocol';
import { registerBridgeHandlers, type BridgeHandlers, type IpcInvokeEventLike } from './ipc';

type Listener = (event: IpcInvokeEventLike, ...args: unknown[]) => unknown;

function fakeIpcMain() {
  const listeners = new Map<string, Listener>();
  return {
    handle: (channel: string, listener: Listener) => void listeners.set(channel, listener),
    invoke: async (channel: string, frame: IpcInvokeEventLike['senderFrame'], ...args: unknown[]) => {
      const listener = listeners.get(channel);
      if (listener === undefined) throw new Error(`No handler registered for '${channel}'`);
      return listener({ senderFrame: frame }, ...args);
    },
    channels: () => [...listeners.keys()].sort(),
  };
}

const appFrame = { url: APP_ENTRY_URL, parent: null };

function setup() {
  const ipcMain = fakeIpcMain();
  const opened: string[] = [];
  const handlers: BridgeHandlers = {
    [IPC_CHANNELS.appInfo]: () => ({ version: '1.2.3', platform: 'linux', desktop: true }),
    [IPC_CHANNELS.openExternal]: (url) => {
      opened.push(url);
      return true;
    },
  };
  const log = { warn: vi.fn() };
  registerBridgeHandlers(ipcMain, handlers, isAppUrl, log);
  return { ipcMain, opened, log };
}

describe('IPC bridge handlers', () => {
  it('given the app frame and a valid payload, then the handler answers', async () => {
    const { ipcMain, opened } = setup();
    await expect(ipcMain.invoke(IPC_CHANNELS.appInfo, appFrame)).resolves.toEqual({
      version: '1.2.3',
      platform: 'linux',
      desktop: true,
    });
    await expect(ipcMain.invoke(IPC_CHANNELS.openExternal, appFrame, 'https://www.interpol.int/')).resolves.toBe(true);
    expect(opened).toEqual(['https://www.interpol.int/']);
  });

  it('given the registry, then exactly the contract channels are handled and unknown ones are not', async () => {
    const { ipcMain } = setup();
    expect(ipcMain.channels()).toEqual(Object.values(IPC_CHANNELS).sort());
    await expect(ipcMain.invoke('watchfloor:run-shell', appFrame, 'rm -rf /')).rejects.toThrow(/No handler/);
  });

  it('given a frame from another origin, then the call is refused, logged and the handler never runs', async () => {
    const { ipcMain, opened, log } = setup();
    const foreign = { url: 'https://evil.example/', parent: null };
    await expect(ipcMain.invoke(IPC_CHANNELS.openExternal, foreign, 'https://x.example/')).rejects.toThrow(/sender not allowed/);
    expect(opened).toEqual([]);
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('https://evil.example/'));
  });

  it('given an app-origin subframe or a destroyed frame, then the call is refused', async () => {
    const { ipcMain } = setup();
    await expect(ipcMain.invoke(IPC_CHANNELS.appInfo, { url: APP_ENTRY_URL, parent: {} })).rejects.toThrow(/sender/);
    await expect(ipcMain.invoke(IPC_CHANNELS.appInfo, null)).rejects.toThrow(/sender/);
  });

  it('given bad payloads, then each is refused with the reason and the handler never runs', async () => {
    const { ipcMain, opened } = setup();
    for (const payload of ['file:///etc/passwd', 'javascript:alert(1)', 42, { url: 'https://x' }, 'x'.repeat(3000)]) {
      await expect(ipcMain.invoke(IPC_CHANNELS.openExternal, appFrame, payload)).rejects.toThrow(/invalid payload/);
    }
    await expect(ipcMain.invoke(IPC_CHANNELS.appInfo, appFrame, 'unexpected')).rejects.toThrow(/invalid payload/);
    await expect(
      ipcMain.invoke(IPC_CHANNELS.openExternal, appFrame, 'https://a.example/', 'extra'),
    ).rejects.toThrow(/too many arguments/);
    expect(opened).toEqual([]);
  });
});
