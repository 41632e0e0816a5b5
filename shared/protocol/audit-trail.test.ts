import { describe, expect, it } from 'vitest';
import { auditTrailSearch, parseAuditTrailParams } from './audit-trail';

/** A query string as name/value pairs, as URLSearchParams would give them. */
const params = (query: string) =>
  parseAuditTrailParams(
    query === ''
      ? []
      : query.split('&').map((pair) => {
          const at = pair.indexOf('=');
          return [decodeURIComponent(pair.slice(0, at)), decodeURIComponent(pair.slice(at + 1))] as const;
        }),
  );

describe('parseAuditTrailParams', () => {
  it('given no parameters, then the whole trail from the start in pages of 200', () => {
    expect(params('')).toEqual({ ok: true, value: { afterSeq: 0, limit: 200 } });
  });

  it('given every filter, then each lands on its field; times as epoch ms or ISO 8601 with offset', () => {
    expect(params('officer=off-duty&hitId=hit-1&purpose=arrest-procedure&act=details-revealed&from=2026-12-07T03:00:00Z&to=1796616000000&after=40&limit=50')).toEqual({
      ok: true,
      value: {
        officerId: 'off-duty',
        hitId: 'hit-1',
        purpose: 'arrest-procedure',
        act: 'details-revealed',
        from: Date.UTC(2026, 11, 7, 3),
        to: 1796616000000,
        afterSeq: 40,
        limit: 50,
      },
    });
    expect(params('from=2026-12-07T04:00:00%2B01:00')).toMatchObject({ ok: true, value: { from: Date.UTC(2026, 11, 7, 3) } });
  });

  it('given bad values, then every bad parameter is named with what it expects', () => {
    const parsed = params('from=yesterday&limit=ten&colour=red&act=read');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map((issue) => issue.path)).toEqual(['colour', 'from', 'limit']);
    expect(parsed.issues[1]!.message).toMatch(/ISO 8601/);
  });

  it('given an unknown act, a limit out of range, a range backwards, a repeated or empty parameter, then refused', () => {
    expect(params('act=read')).toMatchObject({ ok: false, issues: [{ path: 'act', message: expect.stringMatching(/^expected one of signed-in/) }] });
    expect(params('limit=0')).toMatchObject({ ok: false, issues: [{ path: 'limit', message: 'expected 1 to 1000' }] });
    expect(params('limit=1001')).toMatchObject({ ok: false, issues: [{ path: 'limit' }] });
    expect(params('from=2000&to=1000')).toMatchObject({ ok: false, issues: [{ path: 'to', message: /after from/ }] });
    expect(params('hitId=a&hitId=b')).toMatchObject({ ok: false, issues: [{ path: 'hitId', message: 'given more than once' }] });
    expect(params('officer=')).toMatchObject({ ok: false, issues: [{ path: 'officer', message: /empty/ }] });
    expect(params('from=2026-12-07T03:00:00')).toMatchObject({ ok: false, issues: [{ path: 'from' }] });
    expect(params(`officer=${'x'.repeat(201)}`)).toMatchObject({ ok: false, issues: [{ path: 'officer' }] });
  });

  it('given the query the console writes, then the hub reads back the same filter and page', () => {
    const filter = { officerId: 'off duty&x', hitId: 'hit/1', act: 'exported' as const, from: 1000, to: 2000 };
    expect(params(auditTrailSearch(filter, { after: 7, limit: 100 }))).toEqual({ ok: true, value: { ...filter, afterSeq: 7, limit: 100 } });
    expect(auditTrailSearch({})).toBe('');
  });
});
