import { IPC_CHANNELS } from '@watchfloor/shared';
import { describe, expect, it, vi } from 'vitest';
import { createBridge } from './bridge';

describe('preload bridge', () => {
  it('given the bridge, then it calls only the contract channels with the given payload', async () => {
    const invoke = vi.fn(async (channel: string) =>
      channel === IPC_CHANNELS.appInfo ? { version: '0.1.0', platform: 'linux', desktop: true } : true,
    );
    const bridge = createBridge({ invoke });
    await expect(bridge.appInfo()).resolves.toEqual({ version: '0.1.0', platform: 'linux', desktop: true });
    await expect(bridge.openExternal('https://www.interpol.int/')).resolves.toBe(true);
    expect(invoke.mock.calls).toEqual([[IPC_CHANNELS.appInfo], [IPC_CHANNELS.openExternal, 'https://www.interpol.int/']]);
  });

  it('given a bad URL from the page, then the bridge refuses it without calling the main process', async () => {
    const invoke = vi.fn();
    await expect(createBridge({ invoke }).openExternal('javascript:alert(1)')).resolves.toBe(false);
    expect(invoke).not.toHaveBeenCalled();
  });

  it('given a malformed answer from the main process, then the bridge rejects rather than pass it on', async () => {
    const bridge = createBridge({ invoke: async () => ({ version: 7 }) });
    await expect(bridge.appInfo()).rejects.toThrow();
  });

  it('given the bridge object, then it exposes functions only, never ipcRenderer', () => {
    const bridge = createBridge({ invoke: vi.fn() });
    expect(Object.values(bridge).every((value) => typeof value === 'function')).toBe(true);
    expect(Object.keys(bridge).sort()).toEqual(['appInfo', 'openExternal']);
  });
});
