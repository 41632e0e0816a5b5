import type { IncomingMessage, ServerResponse } from 'node:http';
import { ExportNotice, parseWith, requireCapability, type AuditExportRecorded } from '@watchfloor/shared';
import { recordAudit } from '../audit/index';
import { permittedOfficer, type AuditedRouteDeps } from './audited-request';
import { readJson, sendJson } from './json';
import { sourceAddress } from './source-address';

/**
 * `POST /api/v1/exports`: before the console saves a debrief (CSV or map PNG), it tells the hub, which
 * records an `exported` entry in the audit trail (who, what, which range and operation, which format, the
 * file name) and answers with its seq. The console saves nothing the hub has not recorded. Only officers
 * who may replay (the debrief lives in the timeline) may export; a refusal is recorded as `refused`.
 */
const NOTICE_BODY = 4 * 1024;

export function exportRoutes(deps: AuditedRouteDeps) {
  const { db, log, now } = deps;

  async function exported(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const officer = await permittedOfficer(deps, request, response, 'export', (who) => requireCapability(who, 'replay', 'export-debrief'));
    if (officer === undefined) return void request.resume();
    const parsed = parseWith(ExportNotice, await readJson(request, NOTICE_BODY));
    if (!parsed.ok) return sendJson(response, 400, { error: 'invalid', message: 'The export notice is not valid.', issues: parsed.issues });
    const { what, format, range, operationId, fileName } = parsed.value;
    const record = await recordAudit(db, {
      act: 'exported',
      at: now(),
      officer: { id: officer.id, name: officer.name },
      source: sourceAddress(request, deps.trustProxy),
      details: { what, format, range, ...(operationId === undefined ? {} : { operationId }), fileName },
    });
    log.info({ officer: officer.id, what, format, operationId }, 'export recorded');
    const body: AuditExportRecorded = { seq: record.seq, at: record.at };
    sendJson(response, 201, body);
  }

  /** Handles the export route; false for any other request. */
  return async (request: IncomingMessage, response: ServerResponse, path: string): Promise<boolean> => {
    if ((request.method ?? 'GET') !== 'POST' || path !== '/api/v1/exports') return false;
    await exported(request, response);
    return true;
  };
}
