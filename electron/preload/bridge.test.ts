import { IPC_CHANNELS, IPC_EVENTS } from '@watchfloor/shared';
import { describe, expect, it, vi } from 'vitest';
import { createBridge, type IpcRendererLike } from './bridge';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** A stand-in for ipcRenderer: answers invokes from a table and lets the test emit main-process events. */
function fakeIpcRenderer(answers: Record<string, unknown> = {}) {
  const listeners = new Map<string, Set<Listener>>();
  const invoke = vi.fn(async (channel: string, ..._args: unknown[]) => answers[channel]);
  const ipc: IpcRendererLike & { emit(channel: string, ...args: unknown[]): void; count(channel: string): number } = {
    invoke,
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
    emit: (channel, ...args) => {
      const event = { sender: { send: vi.fn() }, ports: [] };
      for (const listener of listeners.get(channel) ?? []) listener(event, ...args);
    },
    count: (channel) => listeners.get(channel)?.size ?? 0,
  };
  return { ipc, invoke };
}

describe('preload bridge', () => {
  it('given the bridge, then it calls only the contract channels with the given payload', async () => {
    const { ipc, invoke } = fakeIpcRenderer({
      [IPC_CHANNELS.appInfo]: { version: '0.1.0', platform: 'linux', desktop: true },
      [IPC_CHANNELS.openExternal]: true,
    });
    const bridge = createBridge(ipc);
    await expect(bridge.appInfo()).resolves.toEqual({ version: '0.1.0', platform: 'linux', desktop: true });
    await expect(bridge.openExternal('https://www.interpol.int/')).resolves.toBe(true);
    expect(invoke.mock.calls).toEqual([[IPC_CHANNELS.appInfo], [IPC_CHANNELS.openExternal, 'https://www.interpol.int/']]);
  });

  it('given a bad URL from the page, then the bridge refuses it without calling the main process', async () => {
    const { ipc, invoke } = fakeIpcRenderer();
    await expect(createBridge(ipc).openExternal('javascript:alert(1)')).resolves.toBe(false);
    expect(invoke).not.toHaveBeenCalled();
  });

  it('given a malformed answer from the main process, then the bridge rejects rather than pass it on', async () => {
    const { ipc } = fakeIpcRenderer({
      [IPC_CHANNELS.appInfo]: { version: 7 },
      [IPC_CHANNELS.hubConfig]: { url: 'javascript:alert(1)', demo: false },
      [IPC_CHANNELS.tokenLoad]: 42,
    });
    const bridge = createBridge(ipc);
    await expect(bridge.appInfo()).rejects.toThrow();
    await expect(bridge.hubConfig()).rejects.toThrow();
    await expect(bridge.loadToken()).rejects.toThrow();
  });

  it('given the desktop calls, then each goes to its channel and the answer comes back checked', async () => {
    const { ipc, invoke } = fakeIpcRenderer({
      [IPC_CHANNELS.hubConfig]: { url: 'http://127.0.0.1:41234', demo: true },
      [IPC_CHANNELS.setDoNotDisturb]: { active: true, until: 1_800_000 },
      [IPC_CHANNELS.doNotDisturb]: { active: false },
      [IPC_CHANNELS.openWallMap]: { onSecondaryDisplay: true },
      [IPC_CHANNELS.tokenSave]: { persisted: true },
      [IPC_CHANNELS.tokenLoad]: 'eyJ.token.sig',
    });
    const bridge = createBridge(ipc);
    const summary = { unacknowledged: 1, critical: [{ alertId: 'hit-1', title: 'Critical hit', body: '' }], escalatedToMe: [] };
    await expect(bridge.hubConfig()).resolves.toEqual({ url: 'http://127.0.0.1:41234', demo: true });
    await expect(bridge.reportAlerts(summary)).resolves.toBeUndefined();
    await expect(bridge.setDoNotDisturb(30)).resolves.toEqual({ active: true, until: 1_800_000 });
    await expect(bridge.doNotDisturb()).resolves.toEqual({ active: false });
    await expect(bridge.openWallMap()).resolves.toEqual({ onSecondaryDisplay: true });
    await expect(bridge.saveToken('eyJ.token.sig')).resolves.toEqual({ persisted: true });
    await expect(bridge.loadToken()).resolves.toBe('eyJ.token.sig');
    await expect(bridge.clearToken()).resolves.toBeUndefined();
    expect(invoke.mock.calls).toEqual([
      [IPC_CHANNELS.hubConfig],
      [IPC_CHANNELS.reportAlerts, summary],
      [IPC_CHANNELS.setDoNotDisturb, 30],
      [IPC_CHANNELS.doNotDisturb],
      [IPC_CHANNELS.openWallMap],
      [IPC_CHANNELS.tokenSave, 'eyJ.token.sig'],
      [IPC_CHANNELS.tokenLoad],
      [IPC_CHANNELS.tokenClear],
    ]);
  });

  it('given invalid input from the page, then the call rejects before reaching the main process', async () => {
    const { ipc, invoke } = fakeIpcRenderer();
    const bridge = createBridge(ipc);
    await expect(bridge.setDoNotDisturb(-5)).rejects.toThrow(/invalid request/);
    await expect(bridge.saveToken('')).rejects.toThrow(/invalid request/);
    await expect(bridge.reportAlerts({ unacknowledged: 1 } as never)).rejects.toThrow(/invalid request/);
    expect(invoke).not.toHaveBeenCalled();
  });

  it('given a focus-alert event, then the callback gets the alert id only, and nothing after unsubscribing', () => {
    const { ipc } = fakeIpcRenderer();
    const seen: unknown[][] = [];
    const unsubscribe = createBridge(ipc).onFocusAlert((...args) => seen.push(args));
    ipc.emit(IPC_EVENTS.focusAlert, { alertId: 'hit-7' });
    ipc.emit(IPC_EVENTS.focusAlert, { alertId: '<script>' });
    ipc.emit(IPC_EVENTS.focusAlert, 'hit-8');
    unsubscribe();
    ipc.emit(IPC_EVENTS.focusAlert, { alertId: 'hit-9' });
    expect(seen).toEqual([['hit-7']]);
    expect(ipc.count(IPC_EVENTS.focusAlert)).toBe(0);
  });

  it('given the bridge object, then it exposes functions only, never ipcRenderer', () => {
    const bridge = createBridge(fakeIpcRenderer().ipc);
    expect(Object.values(bridge).every((value) => typeof value === 'function')).toBe(true);
    expect(Object.keys(bridge).sort()).toEqual([
      'appInfo',
      'clearToken',
      'doNotDisturb',
      'hubConfig',
      'loadToken',
      'onFocusAlert',
      'openExternal',
      'openWallMap',
      'reportAlerts',
      'saveToken',
      'setDoNotDisturb',
    ]);
  });
});
