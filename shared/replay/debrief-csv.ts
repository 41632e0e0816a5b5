import type { Alert, AlertHistoryEntry } from '../alerts/lifecycle';
import type { Operation } from '../domain/model';
import type { OpsState } from '../ops/state';
import { INVALID_TIME, formatIsoUtc } from '../time/format';
import { NO_HANDLING_LABEL, exportFooterFields, type ExportLabel } from './export-label';
import type { TimeRange } from './ranges';

/**
 * The debrief export: one CSV row per alert raised in a chosen range, with its handling (who acknowledged,
 * escalated, resolved, and when; the outcome). Built from a picture of the operation (`OpsState`), usually
 * `index.stateAt(range.to)` for handling as it stood at the end of the range, or the latest state for how
 * each alert finally ended.
 *
 * What it never carries: personal details (not in events at all), the opaque subject reference (a handle
 * to them), and the text of notes, which is free text an officer may have typed anything into; the number
 * of notes is given instead. Officers are named: who handled what is the point of a debrief.
 *
 * Cells are for machines as much as people: times are UTC, ISO 8601, and countries, severities and sources
 * are codes. The header row names the columns in the exporter's language (`columnTitle`). The operation, the range and the zone are in both the file name and the
 * leading `#` lines (each one quoted field, so spreadsheets read them as a single cell). The first line is
 * the bureau's handling label; the exporter and the time of export (UTC and local) follow the range.
 */
export interface DebriefInput {
  readonly operation: Pick<Operation, 'id' | 'codename'> | undefined;
  readonly range: TimeRange;
  /** The moment `state` shows; stated in the file so a reader knows how current the handling is. */
  readonly asOf: number;
  readonly state: OpsState;
  /** Handling label, exporter and time of export (`export-label.ts`). */
  readonly label: ExportLabel;
  /** The header row's title of each column, in the exporter's language. */
  readonly columnTitle: (column: DebriefColumn) => string;
}

export const DEBRIEF_COLUMNS = [
  'alert_id',
  'raised_at_utc',
  'severity',
  'source',
  'score',
  'checkpoint_id',
  'checkpoint_name',
  'country',
  'record_owner',
  'summary',
  'status',
  'escalation_level',
  'outcome',
  'acknowledged_by',
  'acknowledged_at_utc',
  'seconds_to_acknowledge',
  'escalations',
  'assignments',
  'proposed_by',
  'resolved_by',
  'resolved_at_utc',
  'holder',
  'notes',
] as const;

export type DebriefColumn = (typeof DEBRIEF_COLUMNS)[number];

export function debriefCsv(input: DebriefInput): string {
  const { range, state } = input;
  const label = exportFooterFields(input.label, input);
  const preamble = [
    `# Handling label: ${label.handlingLabel ?? NO_HANDLING_LABEL}`,
    '# Watchfloor debrief',
    `# Operation: ${label.operation ?? 'all operations'}`,
    `# Range: ${isoUtc(range.from)} to ${isoUtc(range.to)} (alerts raised in this range)`,
    `# Handling as of: ${isoUtc(input.asOf)}`,
    `# Exported by: ${label.exporter}`,
    `# Exported at: ${isoUtc(input.label.exportedAt)} (UTC); ${label.exportedLocal} (local)`,
    '# Time zone: UTC (ISO 8601)',
  ];
  const header = DEBRIEF_COLUMNS.map((column) => csvField(input.columnTitle(column))).join(',');
  const lines = [...preamble.map((line) => csvField(line)), header];
  for (const alert of state.alerts.values()) {
    if (alert.raisedAt < range.from || alert.raisedAt > range.to) continue;
    if (input.operation && alert.hit.operationId !== input.operation.id) continue;
    const checkpoint = state.checkpoints.get(alert.hit.checkpointId);
    lines.push(debriefRow(alert, checkpoint?.name).map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** `watchfloor-debrief_HARMATTAN_20261122T0800Z-20261122T2000Z_UTC.csv`: safe on every file system. */
export function debriefFileName(input: Pick<DebriefInput, 'operation' | 'range'>, extension = 'csv'): string {
  const name = (input.operation?.codename ?? 'all-operations').replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'operation';
  return `watchfloor-debrief_${name}_${compactUtc(input.range.from)}-${compactUtc(input.range.to)}_UTC.${extension}`;
}

function debriefRow(alert: Alert, checkpointName: string | undefined): string[] {
  const firstAck = alert.history.find((entry) => entry.type === 'alert.acknowledged');
  const proposed = alert.history.find((entry) => entry.type === 'alert.resolved' && !entry.final);
  const resolved = alert.history.find((entry) => entry.type === 'alert.resolved' && entry.final);
  const acknowledgedAt = alert.acknowledgedAt;
  const row: Record<DebriefColumn, string> = {
    alert_id: alert.id,
    raised_at_utc: isoUtc(alert.raisedAt),
    severity: alert.hit.severity,
    source: alert.hit.source,
    score: String(alert.hit.score),
    checkpoint_id: alert.hit.checkpointId,
    checkpoint_name: checkpointName ?? '',
    country: alert.hit.country,
    record_owner: alert.hit.recordOwner,
    summary: alert.hit.summary,
    status: alert.status,
    escalation_level: String(alert.level),
    outcome: alert.outcome ?? '',
    acknowledged_by: by(firstAck),
    acknowledged_at_utc: firstAck ? isoUtc(firstAck.at) : '',
    seconds_to_acknowledge: acknowledgedAt === undefined ? '' : String(Math.round((acknowledgedAt - alert.raisedAt) / 1000)),
    escalations: alert.history
      .flatMap((entry) => (entry.type === 'alert.escalated' ? [`L${entry.level} ${entry.auto ? 'automatic' : `by ${entry.by.name}`} at ${isoUtc(entry.at)}`] : []))
      .join('; '),
    assignments: alert.history
      .flatMap((entry) => (entry.type === 'alert.assigned' ? [`to ${entry.officer.name} by ${entry.by.name} at ${isoUtc(entry.at)}`] : []))
      .join('; '),
    proposed_by: by(proposed),
    resolved_by: by(resolved),
    resolved_at_utc: resolved ? isoUtc(resolved.at) : '',
    holder: alert.holder?.name ?? '',
    notes: String(alert.history.filter((entry) => entry.type === 'alert.noted').length),
  };
  return DEBRIEF_COLUMNS.map((column) => row[column]);
}

function by(entry: AlertHistoryEntry | undefined): string {
  return entry !== undefined && 'by' in entry ? entry.by.name : '';
}

/**
 * RFC 4180 quoting (quotes doubled; fields with a comma, quote or line break are quoted), and a leading
 * apostrophe on anything a spreadsheet would run as a formula: hit summaries come from checkpoint systems.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A time no Date can hold reads as a placeholder, so one bad time never stops the export. */
function isoUtc(epochMs: number): string {
  return formatIsoUtc(epochMs)?.replace(/\.\d{3}Z$/, 'Z') ?? INVALID_TIME;
}

function compactUtc(epochMs: number): string {
  return formatIsoUtc(epochMs)?.replace(/[-:]/g, '').replace(/\d{2}\.\d{3}Z$/, 'Z') ?? INVALID_TIME.replace(' ', '-');
}
