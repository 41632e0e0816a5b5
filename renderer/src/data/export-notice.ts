import { AuditExportRecorded, SessionRefused, errorBodyText, type ExportNotice } from '@watchfloor/shared';

/**
 * Tells the hub about an export before the console saves it (`POST /api/v1/exports`), so the file is in
 * the audit trail first. The answer is the `exported` record's seq, or why it is not recorded (with the
 * hub's own words where it gave some); the caller saves nothing unless it is recorded.
 */
export type ExportRecording =
  | { readonly ok: true; readonly seq: number }
  | { readonly ok: false; readonly reason: 'unreachable' | 'signed-out' | 'refused' | 'unreadable'; readonly detail: string };

export async function recordExport(hubUrl: string, token: string, notice: ExportNotice): Promise<ExportRecording> {
  let response: Response;
  try {
    response = await fetch(`${hubUrl}/api/v1/exports`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(notice),
      cache: 'no-store',
    });
  } catch (error) {
    return { ok: false, reason: 'unreachable', detail: (error as Error).message };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status === 401) {
    const refused = SessionRefused.safeParse(body);
    return { ok: false, reason: 'signed-out', detail: refused.success ? refused.data.message : '' };
  }
  if (!response.ok) {
    const detail = errorBodyText(body);
    return { ok: false, reason: 'refused', detail: detail === '' ? String(response.status) : detail };
  }
  const recorded = AuditExportRecorded.safeParse(body);
  return recorded.success ? { ok: true, seq: recorded.data.seq } : { ok: false, reason: 'unreadable', detail: '' };
}
