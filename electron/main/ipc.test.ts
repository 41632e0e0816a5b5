import { IPC_CHANNELS, IPC_EVENTS } from '@watchfloor/shared';
import { describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL, isAppUrl } from './app-protocol';
import { registerBridgeHandlers, sendBridgeEvent, type BridgeHandlers, type IpcCaller, type IpcInvokeEventLike } from './ipc';

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

function setup(overrides: Partial<BridgeHandlers> = {}) {
  const ipcMain = fakeIpcMain();
  const opened: string[] = [];
  const calls: Array<[string, unknown, IpcCaller]> = [];
  const record =
    <T>(channel: string, answer: T) =>
    (request: unknown, caller: IpcCaller): T => {
      calls.push([channel, request, caller]);
      return answer;
    };
  const handlers: BridgeHandlers = {
    [IPC_CHANNELS.appInfo]: () => ({ version: '1.2.3', platform: 'linux', desktop: true }),
    [IPC_CHANNELS.openExternal]: (url) => {
      opened.push(url);
      return true;
    },
    [IPC_CHANNELS.hubConfig]: record('hub', { url: 'http://127.0.0.1:4100', demo: true }),
    [IPC_CHANNELS.reportAlerts]: record('alerts', undefined),
    [IPC_CHANNELS.setDoNotDisturb]: record('dnd-set', { active: true, until: 1_000 }),
    [IPC_CHANNELS.doNotDisturb]: record('dnd', { active: false }),
    [IPC_CHANNELS.openWallMap]: record('wall', { onSecondaryDisplay: true }),
    [IPC_CHANNELS.tokenSave]: record('token-save', { persisted: false }),
    [IPC_CHANNELS.tokenLoad]: record('token-load', undefined),
    [IPC_CHANNELS.tokenClear]: record('token-clear', undefined),
    ...overrides,
  };
  const log = { warn: vi.fn() };
  registerBridgeHandlers(ipcMain, handlers, isAppUrl, log);
  return { ipcMain, opened, calls, log };
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

  it('given the desktop channels, then valid requests reach their handler with the calling frame', async () => {
    const { ipcMain, calls } = setup();
    const summary = { unacknowledged: 2, critical: [{ alertId: 'hit-1', title: 'Critical hit', body: 'SLTD at LOS' }], escalatedToMe: [] };
    await expect(ipcMain.invoke(IPC_CHANNELS.hubConfig, appFrame)).resolves.toEqual({ url: 'http://127.0.0.1:4100', demo: true });
    await expect(ipcMain.invoke(IPC_CHANNELS.reportAlerts, appFrame, summary)).resolves.toBeUndefined();
    await expect(ipcMain.invoke(IPC_CHANNELS.setDoNotDisturb, appFrame, 30)).resolves.toEqual({ active: true, until: 1_000 });
    await expect(ipcMain.invoke(IPC_CHANNELS.tokenSave, appFrame, 'eyJhbGciOi.x.y')).resolves.toEqual({ persisted: false });
    await expect(ipcMain.invoke(IPC_CHANNELS.tokenLoad, appFrame)).resolves.toBeUndefined();
    expect(calls.map(([channel, request]) => [channel, request])).toEqual([
      ['hub', undefined],
      ['alerts', summary],
      ['dnd-set', 30],
      ['token-save', 'eyJhbGciOi.x.y'],
      ['token-load', undefined],
    ]);
    expect(calls[0]![2]).toEqual({ frameUrl: APP_ENTRY_URL });
  });

  it('given bad payloads on the desktop channels, then each is refused and no handler runs', async () => {
    const { ipcMain, calls } = setup();
    const refused: Array<[string, unknown]> = [
      [IPC_CHANNELS.reportAlerts, { unacknowledged: -1, critical: [], escalatedToMe: [] }],
      [IPC_CHANNELS.reportAlerts, { unacknowledged: 1, critical: [{ alertId: '../x', title: 't', body: '' }], escalatedToMe: [] }],
      [IPC_CHANNELS.reportAlerts, { unacknowledged: 1 }],
      [IPC_CHANNELS.setDoNotDisturb, 721],
      [IPC_CHANNELS.setDoNotDisturb, 2.5],
      [IPC_CHANNELS.setDoNotDisturb, '30'],
      [IPC_CHANNELS.tokenSave, ''],
      [IPC_CHANNELS.tokenSave, 'two words'],
      [IPC_CHANNELS.tokenSave, 'x'.repeat(9000)],
      [IPC_CHANNELS.openWallMap, { display: 2 }],
      [IPC_CHANNELS.tokenClear, 'now'],
    ];
    for (const [channel, payload] of refused) {
      await expect(ipcMain.invoke(channel, appFrame, payload), channel).rejects.toThrow(/invalid payload/);
    }
    expect(calls).toEqual([]);
  });

  it('given a handler answering outside the contract, then the answer never reaches the renderer', async () => {
    const { ipcMain } = setup({ [IPC_CHANNELS.hubConfig]: () => ({ url: 'file:///etc', demo: true }) });
    await expect(ipcMain.invoke(IPC_CHANNELS.hubConfig, appFrame)).rejects.toThrow();
  });
});

describe('bridge events to the renderer', () => {
  it('given a focus-alert event, then only a valid payload is sent', () => {
    const send = vi.fn();
    sendBridgeEvent({ send }, IPC_EVENTS.focusAlert, { alertId: 'hit-42' });
    expect(send.mock.calls).toEqual([[IPC_EVENTS.focusAlert, { alertId: 'hit-42' }]]);
    expect(() => sendBridgeEvent({ send }, IPC_EVENTS.focusAlert, { alertId: '' })).toThrow();
    expect(send).toHaveBeenCalledTimes(1);
  });
});
