import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, appResponseHeaders, isAppUrl, resolveAppAsset } from './app-protocol';

const root = path.resolve('/opt/watchfloor/out/renderer');

describe('app:// protocol', () => {
  it('given app URLs, then they map to files inside the renderer folder', () => {
    expect(resolveAppAsset(root, APP_ENTRY_URL)).toBe(path.join(root, 'index.html'));
    expect(resolveAppAsset(root, 'app://watchfloor/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppAsset(root, 'app://watchfloor/assets/index-1.js')).toBe(path.join(root, 'assets/index-1.js'));
  });

  it('given traversal attempts or another host, then nothing is served', () => {
    // The URL parser folds literal and encoded dot segments at the root: they stay inside the folder.
    expect(resolveAppAsset(root, 'app://watchfloor/../../etc/passwd')).toBe(path.join(root, 'etc/passwd'));
    expect(resolveAppAsset(root, 'app://watchfloor/%2e%2e/%2e%2e/etc/passwd')).toBe(path.join(root, 'etc/passwd'));
    // Encoded slashes survive the parser and are decoded afterwards: the resolver must catch the escape.
    expect(resolveAppAsset(root, 'app://watchfloor/assets/..%2F..%2F..%2Fsecret')).toBeUndefined();
    expect(resolveAppAsset(root, 'app://other/index.html')).toBeUndefined();
    expect(resolveAppAsset(root, 'file:///etc/passwd')).toBeUndefined();
    expect(resolveAppAsset(root, 'app://watchfloor/%E0%A4%A')).toBeUndefined();
  });

  it('given URLs, then only the app origin counts as the app', () => {
    expect(isAppUrl('app://watchfloor/index.html#/alerts')).toBe(true);
    expect(isAppUrl('app://watchfloor.evil/index.html')).toBe(false);
    expect(isAppUrl('https://watchfloor/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('given the response headers, then the CSP forbids inline script, eval, objects and framing', () => {
    const csp = appResponseHeaders(['https://hub.bureau.example'])['Content-Security-Policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self' https://hub.bureau.example");
  });
});
