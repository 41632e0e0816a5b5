import { describe, expect, it } from 'vitest';
import { configErrorPage, configErrorText, crashLoopPage, hubFailedPage, toDataUrl } from './error-pages';

const problem = {
  file: '/opt/Watchfloor/resources/bureau.json',
  issues: [
    { path: 'timeZone', message: 'expected an IANA time zone such as Africa/Lagos' },
    { path: 'country', message: '<img src=x onerror=alert(1)>' },
  ],
};

describe('error pages', () => {
  it('given a config problem, then the page names the file, each field and who can fix it', () => {
    const html = configErrorPage(problem);
    expect(html).toContain('/opt/Watchfloor/resources/bureau.json');
    expect(html).toContain('<code>timeZone</code>: expected an IANA time zone');
    expect(html).toContain('bureau IT');
    expect(configErrorText(problem)).toContain('timeZone: expected an IANA time zone');
  });

  it('given text from a file, then it is escaped and the page runs no script', () => {
    const html = configErrorPage(problem);
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain(`default-src 'none'`);
    expect(html).not.toMatch(/<script/i);
  });

  it('given a broken workstation settings file, then the remedy is to correct or delete it', () => {
    expect(configErrorPage({ ...problem, file: '/home/o/.config/Watchfloor/settings.json' })).toContain('Correct or delete');
  });

  it('given the other failures, then the pages point at the logs', () => {
    expect(crashLoopPage('/logs')).toContain('<code>/logs</code>');
    expect(hubFailedPage('port in use', '/logs')).toContain('port in use');
    expect(decodeURIComponent(toDataUrl('<p>é</p>').split(',')[1]!)).toBe('<p>é</p>');
  });
});
