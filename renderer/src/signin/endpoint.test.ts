// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { discoverHub } from './endpoint';

/** The page's /config.json as the serving hub (or console server) writes it. */
function served(config: Record<string, unknown>): void {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ hubUrl: 'https://hub.bureau.example', demo: false, demoUsers: [], ...config }))));
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("the bureau's language in the web console's configuration", () => {
  it('given a language the console speaks, then the endpoint carries it', async () => {
    served({ language: 'ar', retentionDays: 30 });
    expect(await discoverHub()).toMatchObject({ url: 'https://hub.bureau.example', language: 'ar', retentionDays: 30 });
  });

  it('given a regional tag, then its base language', async () => {
    served({ language: 'fr-BJ' });
    expect((await discoverHub()).language).toBe('fr');
  });

  it.each([['de'], ['Français'], [42], [null], [{ code: 'fr' }]])('given %j, then no bureau language and the rest of the configuration kept', async (language) => {
    served({ language, retentionDays: 30 });
    const endpoint = await discoverHub();
    expect(endpoint).toMatchObject({ url: 'https://hub.bureau.example', retentionDays: 30 });
    expect(endpoint).not.toHaveProperty('language');
  });

  it('given no language, then none and the rest of the configuration kept', async () => {
    served({ retentionDays: 30 });
    const endpoint = await discoverHub();
    expect(endpoint).toMatchObject({ url: 'https://hub.bureau.example', retentionDays: 30 });
    expect(endpoint).not.toHaveProperty('language');
  });
});
