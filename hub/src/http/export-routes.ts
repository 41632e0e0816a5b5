import type { IncomingMessage, ServerResponse } from 'node:http';
import { ExportNotice, parseWith, requireCapability, type AuditExportRecorded, type SessionRefused } from '@watchfloor/shared';
import type { Logger } from 'pino';
import type { Access } from '../auth/access';
import { recordAudit } from '../audit/index';
import type { Database } from '../db/database';
import { bearerToken, readJson, sendJson } from './json';
import { SESSION_END_MESSAGES } from './session-routes';
import { sourceAddress } from './source-address';

/**
 * `POST /api/v1/exports`: before the console saves a debrief (CSV or map PNG), it tells the hub, which
 * records an `exported` entry in the audit trail (who, what, which range and operation, which format, the
 * file name) and answers with its seq. The console saves nothing the hub has not recorded. Only officers
 * who may replay (the debrief lives in the timeline) may export; a refusal is recorded as `refused`.
 */
export interface ExportRoutesDeps {
  readonly access: Access;
  readonly db: Pick<Database, 'query' | 'transaction'>;
  readonly log: Logger;
  readonly now: () => number;
  readonly trustProxy: boolean;
}

const NOTICE_BODY = 4 * 1024;

export function exportRoutes(deps: ExportRoutesDeps) {
  const { access, db, log, now } = deps;

  async function exported(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const found = await access.authenticate(bearerToken(request));
    if (!found.ok) {
      request.resume();
      const body: SessionRefused = { error: 'unauthorized', reason: found.reason, message: SESSION_END_MESSAGES[found.reason] };
      return sendJson(response, 401, body);
    }
    const { officer } = found;
    const who = { id: officer.id, name: officer.name };
    const source = sourceAddress(request, deps.trustProxy);
    const decision = requireCapability(officer, 'replay', 'export a debrief');
    if (!decision.ok) {
      request.resume();
      await recordAudit(db, { act: 'refused', at: now(), officer: who, source, details: { command: 'export', code: decision.code, message: decision.message } });
      log.warn({ officer: officer.id, role: officer.role }, 'export refused');
      return sendJson(response, 403, { error: 'forbidden', message: decision.message });
    }
    const parsed = parseWith(ExportNotice, await readJson(request, NOTICE_BODY));
    if (!parsed.ok) return sendJson(response, 400, { error: 'invalid', message: 'The export notice is not valid.', issues: parsed.issues });
    const { what, format, range, operationId, fileName } = parsed.value;
    const record = await recordAudit(db, {
      act: 'exported',
      at: now(),
      officer: who,
      source,
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
