import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuditApiError, auditApi } from './audit-api';

/** The console's calls to the audit routes against a scripted fetch: the request it makes, and each kind of answer. */
function answering(status: number, body: unknown) {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  });
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('auditApi', () => {
  it('given a filter and a page, then it asks the hub with the bearer token and reads the page', async () => {
    const calls = answering(200, { records: [], next: 40 });
    const api = auditApi('http://hub', () => 'tok-1');
    expect(await api.page({ hitId: 'hit 1', act: 'details-revealed' }, 20, 100)).toEqual({ records: [], next: 40 });
    expect(calls[0]!.url).toBe('http://hub/api/v1/audit?hitId=hit%201&act=details-revealed&after=20&limit=100');
    expect(calls[0]!.init.headers).toEqual({ Authorization: 'Bearer tok-1' });
  });

  it('given an export notice, then it is posted as JSON and the recorded seq comes back', async () => {
    const calls = answering(201, { seq: 9, at: 1000 });
    expect(await auditApi('http://hub', () => 't').recordExport({ format: 'csv', filter: {}, records: 3 })).toEqual({ seq: 9, at: 1000 });
    expect(calls[0]!.init).toMatchObject({ method: 'POST', body: '{"format":"csv","filter":{},"records":3}' });
  });

  it('given a session the hub ended, then the error carries the reason', async () => {
    answering(401, { error: 'unauthorized', reason: 'revoked', message: 'An administrator ended this session.' });
    const failure = await auditApi('http://hub', () => 't').verification().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AuditApiError);
    expect(failure).toMatchObject({ status: 401, sessionEnded: 'revoked', message: 'An administrator ended this session.' });
  });

  it("given a refusal or a bad query, then the error says the hub's words and the issues", async () => {
    answering(400, { error: 'invalid', message: 'The audit trail query has bad parameters.', issues: [{ path: 'from', message: 'expected a time' }] });
    await expect(auditApi('http://hub', () => 't').page({}, 0, 10)).rejects.toThrow('The audit trail query has bad parameters. from: expected a time');
    answering(403, { error: 'forbidden', message: 'Only an admin or an auditor can review the audit trail.' });
    await expect(auditApi('http://hub', () => 't').verification()).rejects.toMatchObject({ status: 403, sessionEnded: undefined });
  });

  it('given an answer that does not match the protocol or no hub, then nothing is shown from it', async () => {
    answering(200, { records: [{ seq: 'one' }] });
    await expect(auditApi('http://hub', () => 't').page({}, 0, 10)).rejects.toThrow(/cannot read/);
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(auditApi('http://hub', () => 't').verification()).rejects.toThrow('The hub at http://hub could not be reached (Failed to fetch).');
  });
});
