import { describe, expect, it, vi } from 'vitest';
import { createExternalLinks } from './external-links';
import { denyAllPermissions, guardNavigation, type NavigationEventLike, type SessionLike } from './guards';

function fakeContents() {
  const listeners = new Map<string, (event: NavigationEventLike, url: string) => void>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  return {
    on: (name: 'will-navigate' | 'will-redirect', listener: (event: NavigationEventLike, url: string) => void) =>
      listeners.set(name, listener),
    setWindowOpenHandler: (handler: (details: { url: string }) => { action: 'deny' }) => {
      openHandler = handler;
    },
    navigate(name: 'will-navigate' | 'will-redirect', url: string) {
      const event = { preventDefault: vi.fn() };
      listeners.get(name)!(event, url);
      return event.preventDefault.mock.calls.length > 0;
    },
    open: (url: string) => openHandler!({ url }),
  };
}

describe('navigation guard', () => {
  it('given navigation inside the app, then it proceeds; anywhere else, then it is prevented', () => {
    const contents = fakeContents();
    guardNavigation(contents, { open: vi.fn(() => false) }, { warn: vi.fn() });
    expect(contents.navigate('will-navigate', 'app://watchfloor/index.html')).toBe(false);
    expect(contents.navigate('will-navigate', 'https://phish.example/login')).toBe(true);
    expect(contents.navigate('will-redirect', 'file:///etc/passwd')).toBe(true);
  });

  it('given window.open, then no window is created; a listed host goes to the system browser, anything else nowhere', () => {
    const contents = fakeContents();
    const openInBrowser = vi.fn(async (_url: string) => undefined);
    const log = { warn: vi.fn() };
    guardNavigation(contents, createExternalLinks(['www.interpol.int'], openInBrowser, log), log);
    expect(contents.open('https://www.interpol.int/en')).toEqual({ action: 'deny' });
    expect(contents.open('https://phish.example/login')).toEqual({ action: 'deny' });
    expect(contents.open('smb://share/payload.exe')).toEqual({ action: 'deny' });
    expect(contents.open('app://watchfloor/index.html')).toEqual({ action: 'deny' });
    expect(openInBrowser.mock.calls).toEqual([['https://www.interpol.int/en']]);
    expect(log.warn).toHaveBeenCalledTimes(3);
  });
});

describe('permission handler', () => {
  it('given any permission or device request, then it is denied', () => {
    let request: Parameters<SessionLike['setPermissionRequestHandler']>[0] = null;
    let check: Parameters<SessionLike['setPermissionCheckHandler']>[0] = null;
    let device: ((details: unknown) => boolean) | null = null;
    denyAllPermissions(
      {
        setPermissionRequestHandler: (handler) => void (request = handler),
        setPermissionCheckHandler: (handler) => void (check = handler),
        setDevicePermissionHandler: (handler) => void (device = handler),
      },
      { warn: vi.fn() },
    );
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'usb']) {
      const callback = vi.fn();
      request!({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(check!({}, permission)).toBe(false);
    }
    expect(device!({ deviceType: 'usb' })).toBe(false);
  });
});
