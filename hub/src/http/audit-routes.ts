import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  AuditExportNotice,
  mayReviewAuditTrail,
  parseAuditTrailParams,
  parseWith,
  type AuditExportRecorded,
  type AuditTrailResponse,
  type AuditVerification,
} from '@watchfloor/shared';
import { readAuditTrail, recordAudit, verifyTrail } from '../audit/index';
import { permittedOfficer, type AuditedRouteDeps } from './audited-request';
import { readJson, sendJson } from './json';
import { sourceAddress } from './source-address';

/**
 * The audit trail's routes for the data-protection view, with the session's bearer token and only for
 * officers who may review the trail (`mayReviewAuditTrail`):
 * - `GET /api/v1/audit?…` a page of the trail, filtered (the query is read by `parseAuditTrailParams`);
 * - `GET /api/v1/audit/verification` the whole chain walked now;
 * - `POST /api/v1/audit/exports` records an `exported` entry before the console saves an export.
 * Reading and verifying are not recorded (a record per page turned would bury the acts the trail is for);
 * an export, which takes the trail out of the hub, is. A refused request is recorded as `refused`.
 */
const NOTICE_BODY = 16 * 1024;

export function auditRoutes(deps: AuditedRouteDeps) {
  const { db, log, now } = deps;

  /** The officer who may review the trail, or undefined once the refusal has been sent (and recorded). */
  const reviewer = (request: IncomingMessage, response: ServerResponse, what: string) => permittedOfficer(deps, request, response, what, mayReviewAuditTrail);

  async function page(request: IncomingMessage, response: ServerResponse): Promise<void> {
    request.resume();
    if ((await reviewer(request, response, 'audit-trail')) === undefined) return;
    const parsed = parseAuditTrailParams(new URL(request.url ?? '/', 'http://hub').searchParams);
    if (!parsed.ok) return sendJson(response, 400, { error: 'invalid', message: 'The audit trail query has bad parameters.', issues: parsed.issues });
    const found = await readAuditTrail(db, parsed.value);
    const body: AuditTrailResponse = { records: [...found.records], ...(found.next === undefined ? {} : { next: found.next }) };
    sendJson(response, 200, body);
  }

  async function verification(request: IncomingMessage, response: ServerResponse): Promise<void> {
    request.resume();
    if ((await reviewer(request, response, 'audit-verification')) === undefined) return;
    const checkedAt = now();
    const verdict = await verifyTrail(db);
    const body: AuditVerification = verdict.ok
      ? { ok: true, checkedAt, records: verdict.records, last: verdict.last }
      : { ok: false, checkedAt, records: verdict.records, broken: verdict.broken };
    if (!verdict.ok) log.error({ broken: verdict.broken }, 'audit trail broken');
    sendJson(response, 200, body);
  }

  async function exported(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const officer = await reviewer(request, response, 'audit-export');
    if (officer === undefined) return void request.resume();
    const parsed = parseWith(AuditExportNotice, await readJson(request, NOTICE_BODY));
    if (!parsed.ok) return sendJson(response, 400, { error: 'invalid', message: 'The export notice is not valid.', issues: parsed.issues });
    const { format, filter, records } = parsed.value;
    const range = filter.from !== undefined && filter.to !== undefined ? { range: { from: filter.from, to: filter.to } } : {};
    const record = await recordAudit(db, {
      act: 'exported',
      at: now(),
      officer: { id: officer.id, name: officer.name },
      source: sourceAddress(request, deps.trustProxy),
      details: { what: 'audit-trail', format, ...range, filter, records },
    });
    log.info({ officer: officer.id, format, records }, 'audit trail exported');
    const body: AuditExportRecorded = { seq: record.seq, at: record.at };
    sendJson(response, 201, body);
  }

  /** Handles the audit routes; false for any other request. */
  return async (request: IncomingMessage, response: ServerResponse, path: string): Promise<boolean> => {
    const method = request.method ?? 'GET';
    if (method === 'GET' && path === '/api/v1/audit') await page(request, response);
    else if (method === 'GET' && path === '/api/v1/audit/verification') await verification(request, response);
    else if (method === 'POST' && path === '/api/v1/audit/exports') await exported(request, response);
    else return false;
    return true;
  };
}
