import { IPC_CHANNELS } from '@watchfloor/shared';
import { describe, expect, it, vi } from 'vitest';
import type { AlertDesk } from './alert-desk';
import { desktopBridgeHandlers } from './bridge-handlers';
import { createExternalLinks } from './external-links';
import type { TokenStore } from './token-store';
import { WALL_MAP_URL } from './wall-map';

function setup() {
  const alertDesk: AlertDesk = {
    report: vi.fn(),
    setDoNotDisturb: vi.fn(() => ({ active: true, until: 5 })),
    doNotDisturb: vi.fn(() => ({ active: false })),
  };
  const tokens: TokenStore = {
    save: vi.fn(async () => ({ persisted: true })),
    load: vi.fn(async () => 'eyJ.a.b'),
    clear: vi.fn(async () => undefined),
    persistent: () => true,
  };
  const openExternal = vi.fn(async (_url: string) => undefined);
  const handlers = desktopBridgeHandlers({
    appInfo: () => ({ version: '1.0.0', platform: 'linux', desktop: true }),
    externalLinks: createExternalLinks(['www.interpol.int'], openExternal, { warn: vi.fn() }),
    hubConfig: () => ({ url: 'http://127.0.0.1:4100', demo: true }),
    alertDesk,
    openWallMap: () => ({ onSecondaryDisplay: false }),
    tokens,
  });
  return { handlers, alertDesk, tokens, openExternal };
}

const desk = { frameUrl: 'app://watchfloor/index.html' };
const wall = { frameUrl: WALL_MAP_URL };
const summary = { unacknowledged: 1, critical: [], escalatedToMe: [] };

describe('desktop bridge handlers', () => {
  it('given the desk console, then alerts, do-not-disturb and tokens reach their services', async () => {
    const { handlers, alertDesk, tokens } = setup();
    handlers[IPC_CHANNELS.reportAlerts](summary, desk);
    expect(alertDesk.report).toHaveBeenCalledWith(summary);
    expect(handlers[IPC_CHANNELS.setDoNotDisturb](30, desk)).toEqual({ active: true, until: 5 });
    await expect(handlers[IPC_CHANNELS.tokenSave]('eyJ.a.b', desk)).resolves.toEqual({ persisted: true });
    await expect(handlers[IPC_CHANNELS.tokenLoad](undefined, desk)).resolves.toBe('eyJ.a.b');
    await expect(handlers[IPC_CHANNELS.tokenClear](undefined, desk)).resolves.toBeUndefined();
    expect(tokens.clear).toHaveBeenCalled();
    expect(handlers[IPC_CHANNELS.hubConfig](undefined, desk)).toEqual({ url: 'http://127.0.0.1:4100', demo: true });
  });

  it('given the read-only wall map, then its alert reports are ignored and it cannot change do-not-disturb', () => {
    const { handlers, alertDesk } = setup();
    handlers[IPC_CHANNELS.reportAlerts](summary, wall);
    expect(alertDesk.report).not.toHaveBeenCalled();
    expect(() => handlers[IPC_CHANNELS.setDoNotDisturb](30, wall)).toThrow(/read-only/);
    expect(alertDesk.setDoNotDisturb).not.toHaveBeenCalled();
    expect(handlers[IPC_CHANNELS.doNotDisturb](undefined, wall)).toEqual({ active: false });
  });

  it("given a link to a host the bureau lists, then the system browser opens it; any other host, the app origin or other schemes, then not", () => {
    const { handlers, openExternal } = setup();
    expect(handlers[IPC_CHANNELS.openExternal]('https://www.interpol.int/', desk)).toBe(true);
    expect(handlers[IPC_CHANNELS.openExternal]('https://elsewhere.example/', desk)).toBe(false);
    expect(handlers[IPC_CHANNELS.openExternal]('app://watchfloor/index.html', desk)).toBe(false);
    expect(handlers[IPC_CHANNELS.openExternal]('file:///etc/passwd', desk)).toBe(false);
    expect(openExternal.mock.calls).toEqual([['https://www.interpol.int/']]);
  });
});
