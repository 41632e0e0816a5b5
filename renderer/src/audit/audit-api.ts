import {
  AuditExportRecorded,
  AuditTrailResponse,
  AuditVerification,
  SessionRefused,
  auditTrailSearch,
  errorBodyText,
  type AuditExportNotice,
  type AuditTrailFilter,
  type SessionEndReason,
} from '@watchfloor/shared';
import type { z } from 'zod';

/**
 * The console's calls to the hub's audit trail routes (`docs/protocol.md`, "Audit trail"), each answer
 * checked against its schema. A failure is an `AuditApiError` carrying the hub's own message; a session the
 * hub ended carries its reason, so the console can ask for the password again.
 */
export class AuditApiError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly sessionEnded?: SessionEndReason,
  ) {
    super(message);
  }
}

export interface AuditApi {
  page(filter: AuditTrailFilter, after: number, limit: number): Promise<AuditTrailResponse>;
  verification(): Promise<AuditVerification>;
  recordExport(notice: AuditExportNotice): Promise<AuditExportRecorded>;
}

export function auditApi(hubUrl: string, token: () => string): AuditApi {
  async function call<S extends z.ZodType>(schema: S, path: string, init: RequestInit = {}): Promise<z.infer<S>> {
    const headers = { Authorization: `Bearer ${token()}`, ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }) };
    let response: Response;
    try {
      response = await fetch(`${hubUrl}${path}`, { ...init, headers, cache: 'no-store' });
    } catch (error) {
      throw new AuditApiError(`The hub at ${hubUrl} could not be reached (${(error as Error).message}).`, undefined);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (response.status === 401) {
      const refused = SessionRefused.safeParse(body);
      throw new AuditApiError(refused.success ? refused.data.message : 'The hub no longer accepts this sign-in.', 401, refused.success ? refused.data.reason : 'unknown');
    }
    if (!response.ok) {
      const detail = errorBodyText(body);
      throw new AuditApiError(detail === '' ? `The hub answered ${response.status}.` : detail, response.status);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new AuditApiError('The hub sent an answer this console cannot read; nothing was shown from it.', response.status);
    return parsed.data;
  }

  return {
    page: (filter, after, limit) => call(AuditTrailResponse, `/api/v1/audit?${auditTrailSearch(filter, { after, limit })}`),
    verification: () => call(AuditVerification, '/api/v1/audit/verification'),
    recordExport: (notice) => call(AuditExportRecorded, '/api/v1/audit/exports', { method: 'POST', body: JSON.stringify(notice) }),
  };
}
