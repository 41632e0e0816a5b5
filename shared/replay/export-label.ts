import { z } from 'zod';
import type { Operation } from '../domain/model';
import { formatZonedDateTime } from '../time/format';
import type { TimeRange } from './ranges';

/**
 * What every file the console exports says about itself, so a printed or forwarded copy still tells its
 * reader how to handle it, who took it out, when, and of which operation and range: the bureau's handling
 * label (the hub's `--handling-label`, e.g. "For official use only"), the exporter, the time of export in
 * UTC and in the bureau's local zone, each labelled, the operation and the range. The debrief CSV writes
 * these in its leading lines, the handling label first; the map PNG draws them as a footer, worded by the
 * console from `exportFooterFields` with its times in the console's language.
 */

/** The bureau's handling label: one line of printable text. */
export const HandlingLabel = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[^\p{Cc}]*$/u, 'expected one line of text without control characters');

export interface ExportLabel {
  /** Absent when the bureau has set none: the export then says so rather than staying silent. */
  readonly handlingLabel: string | undefined;
  readonly exporter: { readonly id: string; readonly name: string };
  readonly exportedAt: number;
  /** The IANA zone local times are given in. */
  readonly timeZone: string;
}

/** What the export is of. */
export interface ExportSubject {
  readonly operation: Pick<Operation, 'id' | 'codename'> | undefined;
  readonly range: TimeRange;
}

/** The label's facts as text, in the order an export shows them; the console words the captions and the times. */
export interface ExportFooterFields {
  readonly handlingLabel: string | undefined;
  readonly exporter: string;
  /** `2026-11-22 15:03:09 Africa/Lagos`: the time of export in the bureau's zone, for files read by machines too. */
  readonly exportedLocal: string;
  /** `HARMATTAN (op-harmattan)`, or undefined for all operations. */
  readonly operation: string | undefined;
}

export function exportFooterFields(label: ExportLabel, subject: ExportSubject): ExportFooterFields {
  return {
    handlingLabel: label.handlingLabel,
    exporter: `${label.exporter.name} (${label.exporter.id})`,
    exportedLocal: formatZonedDateTime(label.exportedAt, label.timeZone),
    operation: subject.operation === undefined ? undefined : `${subject.operation.codename} (${subject.operation.id})`,
  };
}

/** Written where a bureau has set no handling label, so a reader knows none was given, not that one was lost. */
export const NO_HANDLING_LABEL = 'no handling label set by the bureau';
