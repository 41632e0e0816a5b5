import {
  AUDIT_EXPORT_KIND,
  AUDIT_PAGE_MAX,
  AuditTrailFilter,
  canonicalJson,
  formatIsoUtc,
  hasCapability,
  type AuditAct,
  type AuditExportFile,
  type AuditExportFormat,
  type AuditRecord,
  type AuditTrailResponse,
  type AuditVerification,
  type Officer,
} from '@watchfloor/shared';
import { formatLocalTime, formatUtcTime } from '../i18n/format';
import type { CodedRefusal } from '../i18n/coded-text';

/**
 * The data-protection view's pure parts: the filter form as typed and as the hub reads it, a record as a
 * table row, paging by seq cursors, the chain's state as the banner shows it, and the CSV and JSON exports.
 */

/** Who lands on the data-protection view: a role that reviews the trail and takes no operational action. */
export function landsOnDataProtection(officer: Officer): boolean {
  return hasCapability(officer, 'review-audit-trail') && !hasCapability(officer, 'act');
}

/** Who may open the view from the live console (an admin). */
export function mayOpenDataProtection(officer: Officer): boolean {
  return hasCapability(officer, 'review-audit-trail') && officer.scope === undefined;
}

/** The filter form's fields as typed; times are UTC, `YYYY-MM-DD` or `YYYY-MM-DD HH:MM[:SS]`. */
export interface FilterForm {
  readonly officer: string;
  readonly hitId: string;
  readonly purpose: string;
  readonly act: AuditAct | '';
  readonly from: string;
  readonly to: string;
}

export const EMPTY_FILTER_FORM: FilterForm = { officer: '', hitId: '', purpose: '', act: '', from: '', to: '' };

export type FilterField = keyof FilterForm;

/** What is wrong with the form: the field and an i18n key under `dataProtection.filterError`. */
export type FilterRead = { readonly ok: true; readonly filter: AuditTrailFilter } | { readonly ok: false; readonly field: FilterField; readonly error: 'time' | 'range' | 'tooLong' };

/** A UTC time as typed, to epoch ms; undefined when it is not one. */
export function readUtcTime(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (match === null) return undefined;
  const [, year, month, day, hour = '0', minute = '0', second = '0'] = match;
  const ms = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  const back = new Date(ms);
  // 2026-02-31 or 25:00 roll over in Date.UTC: refuse them rather than read another day.
  if (back.getUTCDate() !== Number(day) || back.getUTCHours() !== Number(hour) || back.getUTCMinutes() !== Number(minute) || Number(second) > 59) return undefined;
  return ms;
}

export function readFilterForm(form: FilterForm): FilterRead {
  const text = (value: string) => (value.trim() === '' ? undefined : value.trim());
  for (const field of ['officer', 'hitId', 'purpose'] as const) {
    if (form[field].trim().length > 200) return { ok: false, field, error: 'tooLong' };
  }
  const from = text(form.from);
  const to = text(form.to);
  const fromMs = from === undefined ? undefined : readUtcTime(from);
  const toMs = to === undefined ? undefined : readUtcTime(to);
  if (from !== undefined && fromMs === undefined) return { ok: false, field: 'from', error: 'time' };
  if (to !== undefined && toMs === undefined) return { ok: false, field: 'to', error: 'time' };
  if (fromMs !== undefined && toMs !== undefined && fromMs >= toMs) return { ok: false, field: 'to', error: 'range' };
  const filter = AuditTrailFilter.parse({
    officerId: text(form.officer),
    hitId: text(form.hitId),
    purpose: text(form.purpose),
    act: form.act === '' ? undefined : form.act,
    from: fromMs,
    to: toMs,
  });
  return { ok: true, filter };
}

/** True when the filter narrows the trail at all. */
export function isFiltered(filter: AuditTrailFilter): boolean {
  return Object.values(filter).some((value) => value !== undefined);
}

/** A line of the table. `summary`: an i18n key under `dataProtection.summary` and its values. */
export interface AuditRow {
  readonly seq: number;
  readonly act: AuditAct;
  readonly utc: string;
  readonly local: string;
  readonly iso: string | undefined;
  readonly officerName: string | undefined;
  readonly officerId: string | undefined;
  readonly hitId: string | undefined;
  readonly purpose: string | undefined;
  readonly summary: {
    readonly key: string;
    readonly values: Readonly<Record<string, string | number>>;
    /** A refusal's reason and parameters, which the table words in place of its English `message`. */
    readonly refusal?: CodedRefusal;
  };
  readonly source: string | undefined;
  readonly shortHash: string;
}

/** The first 12 hex digits: enough to tell records apart at a glance and to find one in an export. */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

/** A long hit id as the table shows it: its start and end (`hit-3de33bac…0bdf7c`); the record pane shows it whole. */
export function shortHitId(hitId: string): string {
  return hitId.length <= 24 ? hitId : `${hitId.slice(0, 12)}…${hitId.slice(-6)}`;
}

/** The details not already in their own column, as `key: value` pairs, for acts the view has no words for. */
function otherDetails(details: Readonly<Record<string, unknown>>, shown: readonly string[]): string {
  return Object.entries(details)
    .filter(([key, value]) => !shown.includes(key) && value !== undefined)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : canonicalJson(value)}`)
    .join('; ');
}

function summaryOf(record: AuditRecord): AuditRow['summary'] {
  switch (record.act) {
    case 'details-revealed':
      return { key: 'revealed', values: { reason: record.details.reason } };
    case 'signed-in':
      return { key: 'signedIn', values: { role: record.details.role } };
    case 'sign-in-failed':
      return { key: 'signInFailed', values: { username: record.details.username } };
    case 'signed-out':
      return { key: 'signedOut', values: {} };
    case 'exported': {
      const count = typeof record.details.records === 'number' ? record.details.records : undefined;
      return count === undefined
        ? { key: 'exported', values: { what: record.details.what, format: record.details.format.toUpperCase() } }
        : { key: 'exportedCount', values: { what: record.details.what, format: record.details.format.toUpperCase(), count } };
    }
    case 'refused':
      return {
        key: 'refused',
        values: { command: record.details.command, message: record.details.message },
        refusal: { reason: record.details.reason, params: record.details.params, message: record.details.message },
      };
    case 'admin-changed':
      return { key: 'adminChanged', values: { target: record.details.target, id: record.details.id, other: otherDetails(record.details, ['target', 'id']) } };
    case 'officer-changed':
      return { key: 'officerChanged', values: { change: record.details.change, id: record.details.officerId, other: otherDetails(record.details, ['change', 'officerId']) } };
    case 'ingest-key-changed':
      return { key: 'ingestKeyChanged', values: { change: record.details.change, id: record.details.keyId, other: otherDetails(record.details, ['change', 'keyId']) } };
    case 'retention-run':
      return {
        key: 'retentionRun',
        values: {
          purged: Object.entries(record.details.purged)
            .map(([kind, count]) => `${kind} ${count}`)
            .join(', '),
        },
      };
  }
}

export function auditRow(record: AuditRecord, timeZone: string): AuditRow {
  const purpose = 'purpose' in record.details && typeof record.details.purpose === 'string' ? record.details.purpose : undefined;
  return {
    seq: record.seq,
    act: record.act,
    utc: formatUtcTime(record.at, { zone: false }),
    local: formatLocalTime(record.at, timeZone, { date: false, zone: false }),
    iso: formatIsoUtc(record.at),
    officerName: record.officer?.name,
    officerId: record.officer?.id,
    hitId: record.hitId,
    purpose,
    summary: summaryOf(record),
    source: record.source,
    shortHash: shortHash(record.hash),
  };
}

/**
 * Where the view is in the filtered trail: the `after` of each page shown so far (the first is 0), and the
 * next page's, if any. Pages are read from the hub one at a time; nothing else of the trail is held.
 */
export interface TrailPosition {
  readonly afters: readonly number[];
  readonly next: number | undefined;
}

export const FIRST_PAGE: TrailPosition = { afters: [0], next: undefined };

export function currentAfter(position: TrailPosition): number {
  return position.afters.at(-1)!;
}

/** After a page came back for the current position. */
export function pageLoaded(position: TrailPosition, page: AuditTrailResponse): TrailPosition {
  return { afters: position.afters, next: page.next };
}

export function nextPage(position: TrailPosition): TrailPosition | undefined {
  return position.next === undefined ? undefined : { afters: [...position.afters, position.next], next: undefined };
}

export function previousPage(position: TrailPosition): TrailPosition | undefined {
  return position.afters.length <= 1 ? undefined : { afters: position.afters.slice(0, -1), next: undefined };
}

/** 1-based page number. */
export function pageNumber(position: TrailPosition): number {
  return position.afters.length;
}

/** The chain's state as the banner shows it. */
export type ChainBanner =
  | { readonly kind: 'checking' }
  | { readonly kind: 'unknown'; readonly message: string }
  | { readonly kind: 'intact'; readonly records: number; readonly lastSeq: number; readonly lastHash: string; readonly checkedAt: number }
  | { readonly kind: 'broken'; readonly seq: number; readonly breakKind: string; readonly message: string; readonly intactBefore: number; readonly checkedAt: number };

export function chainBanner(verification: AuditVerification): ChainBanner {
  return verification.ok
    ? { kind: 'intact', records: verification.records, lastSeq: verification.last.seq, lastHash: verification.last.hash, checkedAt: verification.checkedAt }
    : {
        kind: 'broken',
        seq: verification.broken.seq,
        breakKind: verification.broken.kind,
        message: verification.broken.message,
        intactBefore: verification.records,
        checkedAt: verification.checkedAt,
      };
}

// ---- exports --------------------------------------------------------------------------------------------

/** The most records one export holds; a wider filter is asked to narrow. */
export const EXPORT_MAX_RECORDS = 100_000;

export class ExportTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`more than ${limit} records`);
  }
}

/**
 * Every record of the filtered trail, page by page in seq order (`read` asks the hub for one page), telling
 * `progress` how many are in; refuses past EXPORT_MAX_RECORDS.
 */
export async function collectTrail(
  read: (after: number, limit: number) => Promise<AuditTrailResponse>,
  progress: (records: number) => void,
  limit = EXPORT_MAX_RECORDS,
): Promise<AuditRecord[]> {
  const records: AuditRecord[] = [];
  let after = 0;
  for (;;) {
    const page = await read(after, AUDIT_PAGE_MAX);
    records.push(...page.records);
    if (records.length > limit) throw new ExportTooLarge(limit);
    progress(records.length);
    if (page.next === undefined) return records;
    after = page.next;
  }
}

export interface ExportMeta {
  readonly exportedAt: number;
  readonly exportedBy: { readonly id: string; readonly name: string };
  readonly hub: string;
  readonly filter: AuditTrailFilter;
  readonly chain: AuditVerification | undefined;
}

/** The JSON export: the records exactly as the hub holds them (with `prevHash` and `hash`), and what was asked. */
export function exportJson(records: readonly AuditRecord[], meta: ExportMeta): string {
  const file: AuditExportFile = {
    kind: AUDIT_EXPORT_KIND,
    version: 1,
    exportedAt: meta.exportedAt,
    exportedBy: { id: meta.exportedBy.id, name: meta.exportedBy.name },
    hub: meta.hub,
    filter: meta.filter,
    ...(meta.chain === undefined ? {} : { chain: meta.chain }),
    records: [...records],
  };
  return `${JSON.stringify(file, undefined, 2)}\n`;
}

export const CSV_COLUMNS = ['seq', 'at_utc', 'at_ms', 'act', 'officer_id', 'officer_name', 'source', 'hit_id', 'purpose', 'reason', 'details_json', 'prev_hash', 'hash'] as const;

/**
 * One CSV field: quoted where needed; text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab,
 * carriage return first) is prefixed with `'`, so a reason typed by an officer cannot run in the reader's
 * spreadsheet. `details_json` is the details' canonical JSON, so a record can be rebuilt and its hash checked.
 */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function exportCsv(records: readonly AuditRecord[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const record of records) {
    const details = record.details as Readonly<Record<string, unknown>>;
    const purpose = typeof details.purpose === 'string' ? details.purpose : undefined;
    const reason = typeof details.reason === 'string' ? details.reason : undefined;
    const fields = [
      record.seq,
      formatIsoUtc(record.at),
      record.at,
      record.act,
      record.officer?.id,
      record.officer?.name,
      record.source,
      record.hitId,
      purpose,
      reason,
      canonicalJson(record.details),
      record.prevHash,
      record.hash,
    ];
    lines.push(fields.map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** `watchfloor-audit-trail-20261207T031209Z.json`: the UTC time of export, sortable. */
export function exportFileName(format: AuditExportFormat, exportedAt: number): string {
  const stamp = (formatIsoUtc(exportedAt) ?? '').replace(/\.\d+Z$/, 'Z').replaceAll('-', '').replaceAll(':', '');
  return `watchfloor-audit-trail-${stamp}.${format}`;
}
