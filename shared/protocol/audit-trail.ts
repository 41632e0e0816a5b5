import { z } from 'zod';
import { AuditAct, AuditHashText, AuditRecord, AuditTrailQuery } from '../audit/record';
import { EpochMs } from '../domain/model';
import type { Parsed, ValidationIssue } from '../validation';

/**
 * The audit trail's HTTP routes (protocol v1, bearer session token, roles that may review the trail):
 * - `GET /api/v1/audit?officer=&hitId=&purpose=&act=&from=&to=&after=&limit=` -> `200 AuditTrailResponse`,
 *   a page of records in seq order; `next` is the `after` of the following page;
 * - `GET /api/v1/audit/verification` -> `200 AuditVerification`, the whole chain walked now;
 * - `POST /api/v1/audit/exports` `AuditExportNotice` -> `201 AuditExportRecorded`: the console says what it
 *   is about to save, and the hub records it in the trail before the file is written.
 * The query parameters are read here, once, for the hub (which answers 400 naming the parameter) and the
 * console (which writes them with `auditTrailSearch`).
 */

/** A filter over the trail as the view and an export name it: `AuditTrailQuery` without the paging. */
export const AuditTrailFilter = z.object({
  officerId: z.string().min(1).max(200).optional(),
  hitId: z.string().min(1).max(200).optional(),
  act: AuditAct.optional(),
  purpose: z.string().min(1).max(200).optional(),
  /** Epoch ms, inclusive. */
  from: EpochMs.optional(),
  /** Epoch ms, exclusive. */
  to: EpochMs.optional(),
});
export type AuditTrailFilter = z.infer<typeof AuditTrailFilter>;

/** The most records one page may hold. */
export const AUDIT_PAGE_MAX = 1000;

/** The parameters `GET /api/v1/audit` reads, each at most once; anything else is refused. */
const PARAMS = ['officer', 'hitId', 'purpose', 'act', 'from', 'to', 'after', 'limit'] as const;
type Param = (typeof PARAMS)[number];

/** Epoch milliseconds, or an ISO 8601 time that says its offset (`2026-12-07T03:00:00Z`, `…+01:00`). */
function readTime(text: string): number | undefined {
  if (/^\d{1,15}$/.test(text)) return Number(text);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

function readCount(text: string): number | undefined {
  return /^\d{1,15}$/.test(text) ? Number(text) : undefined;
}

/**
 * Reads `GET /api/v1/audit`'s query (name/value pairs as URLSearchParams gives them) into a trail query, or
 * issues naming each bad parameter and what it expects.
 */
export function parseAuditTrailParams(entries: Iterable<readonly [string, string]>): Parsed<z.output<typeof AuditTrailQuery>> {
  const issues: ValidationIssue[] = [];
  const given = new Map<Param, string>();
  for (const [name, value] of entries) {
    if (!(PARAMS as readonly string[]).includes(name)) {
      issues.push({ path: name, message: `unknown parameter: expected one of ${PARAMS.join(', ')}` });
    } else if (given.has(name as Param)) {
      issues.push({ path: name, message: 'given more than once' });
    } else if (value === '') {
      issues.push({ path: name, message: 'empty: leave the parameter out to not filter by it' });
    } else {
      given.set(name as Param, value);
    }
  }
  const text = (name: Param) => given.get(name);
  const time = (name: 'from' | 'to'): number | undefined => {
    const value = text(name);
    if (value === undefined) return undefined;
    const ms = readTime(value);
    if (ms === undefined) issues.push({ path: name, message: 'expected epoch milliseconds or an ISO 8601 time with its offset, e.g. 2026-12-07T03:00:00Z' });
    return ms;
  };
  const count = (name: 'after' | 'limit'): number | undefined => {
    const value = text(name);
    if (value === undefined) return undefined;
    const n = readCount(value);
    if (n === undefined) issues.push({ path: name, message: 'expected a whole number' });
    return n;
  };
  const from = time('from');
  const to = time('to');
  const afterSeq = count('after');
  const limit = count('limit');
  if (issues.length > 0) return { ok: false, issues };
  if (from !== undefined && to !== undefined && from >= to) return { ok: false, issues: [{ path: 'to', message: 'expected a time after from (to is exclusive)' }] };
  if (limit !== undefined && (limit < 1 || limit > AUDIT_PAGE_MAX)) return { ok: false, issues: [{ path: 'limit', message: `expected 1 to ${AUDIT_PAGE_MAX}` }] };
  const act = text('act');
  if (act !== undefined && !AuditAct.safeParse(act).success) return { ok: false, issues: [{ path: 'act', message: `expected one of ${AuditAct.options.join(', ')}` }] };
  const candidate = {
    officerId: text('officer'),
    hitId: text('hitId'),
    purpose: text('purpose'),
    act,
    from,
    to,
    afterSeq,
    limit,
  };
  const parsed = AuditTrailQuery.safeParse(candidate);
  if (parsed.success) return { ok: true, value: parsed.data };
  const names: Record<string, Param> = { officerId: 'officer', afterSeq: 'after' };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '');
      return { path: names[key] ?? key, message: issue.message };
    }),
  };
}

/** The query string (without `?`) of `GET /api/v1/audit` for a filter and a page, as the hub reads it. */
export function auditTrailSearch(filter: AuditTrailFilter, page: { readonly after?: number; readonly limit?: number } = {}): string {
  const pairs: [Param, string | number | undefined][] = [
    ['officer', filter.officerId],
    ['hitId', filter.hitId],
    ['purpose', filter.purpose],
    ['act', filter.act],
    ['from', filter.from],
    ['to', filter.to],
    ['after', page.after],
    ['limit', page.limit],
  ];
  return pairs
    .filter((pair): pair is [Param, string | number] => pair[1] !== undefined)
    .map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`)
    .join('&');
}

/** `GET /api/v1/audit` -> a page of the trail; `next`: pass it as `after` for the following page. */
export const AuditTrailResponse = z.object({
  records: z.array(AuditRecord),
  next: z.int().positive().optional(),
});
export type AuditTrailResponse = z.infer<typeof AuditTrailResponse>;

const AuditBreakBody = z.object({
  seq: z.int().positive(),
  kind: z.enum(['altered', 'missing', 'reordered', 'broken-link']),
  message: z.string(),
});

/**
 * `GET /api/v1/audit/verification` -> the chain walked from record 1 at `checkedAt`: intact with how many
 * records and the last one's seq and hash, or the first record that breaks it (those before are intact).
 */
export const AuditVerification = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    checkedAt: EpochMs,
    records: z.int().nonnegative(),
    last: z.object({ seq: z.int().nonnegative(), hash: AuditHashText }),
  }),
  z.object({ ok: z.literal(false), checkedAt: EpochMs, records: z.int().nonnegative(), broken: AuditBreakBody }),
]);
export type AuditVerification = z.infer<typeof AuditVerification>;

export const AUDIT_EXPORT_FORMATS = ['csv', 'json'] as const;
export const AuditExportFormat = z.enum(AUDIT_EXPORT_FORMATS);
export type AuditExportFormat = z.infer<typeof AuditExportFormat>;

/** `POST /api/v1/audit/exports`: what the console is about to save (the filter, the format, how many records). */
export const AuditExportNotice = z.strictObject({
  format: AuditExportFormat,
  filter: AuditTrailFilter.strict(),
  records: z.int().nonnegative(),
});
export type AuditExportNotice = z.infer<typeof AuditExportNotice>;

/** `201`: the `exported` record the hub appended for it. */
export const AuditExportRecorded = z.object({ seq: z.int().positive(), at: EpochMs });
export type AuditExportRecorded = z.infer<typeof AuditExportRecorded>;
