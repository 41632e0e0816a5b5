import { describe, expect, it, vi } from 'vitest';
import { createExternalLinks, externalLinkRefusal } from './external-links';

const hosts = ['www.interpol.int', 'wiki.ncb-abuja.example'];

function setup(allowed: readonly string[] = hosts) {
  const openInBrowser = vi.fn(async (_url: string) => undefined);
  const log = { warn: vi.fn() };
  return { links: createExternalLinks(allowed, openInBrowser, log), openInBrowser, log };
}

describe('external links', () => {
  it('given https pages on hosts the bureau lists, then the system browser opens them', () => {
    const { links, openInBrowser, log } = setup();
    expect(links.open('https://www.interpol.int/en/How-we-work')).toBe(true);
    expect(links.open('https://WIKI.ncb-abuja.example:8443/runbook?x=1#top')).toBe(true);
    expect(openInBrowser.mock.calls).toEqual([['https://www.interpol.int/en/How-we-work'], ['https://WIKI.ncb-abuja.example:8443/runbook?x=1#top']]);
    expect(log.warn).not.toHaveBeenCalled();
  });

  it('given any other host, a look-alike, plain http or another scheme, then nothing opens and each refusal is logged', () => {
    const { links, openInBrowser, log } = setup();
    const refused = [
      'https://phish.example/login',
      'https://www.interpol.int.evil.example/',
      'https://evil.example/www.interpol.int',
      'http://www.interpol.int/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'app://watchfloor/index.html',
    ];
    for (const url of refused) expect(links.open(url)).toBe(false);
    expect(openInBrowser).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledTimes(refused.length);
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining("host phish.example is not in the bureau's externalLinkHosts"));
  });

  it('given a bureau that lists no hosts (the default), then no link opens', () => {
    const { links, openInBrowser } = setup([]);
    expect(links.open('https://www.interpol.int/')).toBe(false);
    expect(openInBrowser).not.toHaveBeenCalled();
  });

  it('given the system browser fails, then the failure is logged, not thrown', async () => {
    const { links, openInBrowser, log } = setup();
    openInBrowser.mockRejectedValueOnce(new Error('no handler'));
    expect(links.open('https://www.interpol.int/')).toBe(true);
    await vi.waitFor(() => expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('no handler')));
  });

  it('given a refused link, then the reason says what is wrong with it', () => {
    expect(externalLinkRefusal('http://www.interpol.int/', hosts)).toBe('not https');
    expect(externalLinkRefusal('mailto:x@y.example', hosts)).toBe('not a web address');
    expect(externalLinkRefusal('https://www.interpol.int/', hosts)).toBeUndefined();
  });
});
