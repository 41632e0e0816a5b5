import { z } from 'zod';
import { EntityId, EpochMs } from '../domain/model';

/**
 * An officer's export of the operational picture, told to the hub before the console saves the file, so
 * that every file that leaves the console with the operation in it is in the audit trail (who, what, which
 * range, which format): `POST /api/v1/exports` `ExportNotice` -> `201 AuditExportRecorded`. The audit
 * trail's own exports go to `POST /api/v1/audit/exports` (`AuditExportNotice`), for those who review it.
 */
export const OPERATIONAL_EXPORTS = ['debrief-csv', 'debrief-png'] as const;
export const OperationalExport = z.enum(OPERATIONAL_EXPORTS);
export type OperationalExport = z.infer<typeof OperationalExport>;

const FORMAT_OF: Record<OperationalExport, 'csv' | 'png'> = { 'debrief-csv': 'csv', 'debrief-png': 'png' };

export const ExportNotice = z
  .strictObject({
    what: OperationalExport,
    format: z.enum(['csv', 'png']),
    /** The range the export covers, epoch ms. */
    range: z.strictObject({ from: EpochMs, to: EpochMs }).refine((range) => range.from <= range.to, 'from must not be after to'),
    /** The operation; absent for an export of all operations. */
    operationId: EntityId.optional(),
    /** The file name the console saves it under. */
    fileName: z.string().min(1).max(200).regex(/^[A-Za-z0-9._-]+$/, 'expected a plain file name'),
  })
  .refine((notice) => FORMAT_OF[notice.what] === notice.format, { path: ['format'], message: 'the format does not match what is exported' });
export type ExportNotice = z.infer<typeof ExportNotice>;
