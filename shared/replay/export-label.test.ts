import { describe, expect, it } from 'vitest';
import { HandlingLabel, exportFooterFields } from './export-label';

const T = Date.UTC(2026, 11, 7, 3, 5, 9);

describe('what an export says about itself', () => {
  it('given a labelled export of one operation, then the handling label, exporter, local time of export and operation are each written out', () => {
    expect(
      exportFooterFields(
        { handlingLabel: 'For official use only', exporter: { id: 'off-lead', name: 'Lea Lead' }, exportedAt: T, timeZone: 'Africa/Lagos' },
        { operation: { id: 'op-harmattan', codename: 'HARMATTAN' }, range: { from: T - 3_600_000, to: T } },
      ),
    ).toEqual({
      handlingLabel: 'For official use only',
      exporter: 'Lea Lead (off-lead)',
      exportedLocal: '2026-12-07 04:05:09 Africa/Lagos',
      operation: 'HARMATTAN (op-harmattan)',
    });
  });

  it('given no label and all operations, then both are left for the reader to word, not made up', () => {
    const fields = exportFooterFields({ handlingLabel: undefined, exporter: { id: 'o', name: 'O' }, exportedAt: T, timeZone: 'UTC' }, { operation: undefined, range: { from: T, to: T } });
    expect(fields.handlingLabel).toBeUndefined();
    expect(fields.operation).toBeUndefined();
    expect(fields.exportedLocal).toBe('2026-12-07 03:05:09 UTC');
  });

  it.each(['', '   ', 'line one\nline two', 'x'.repeat(81)])('given the handling label %j, then it is refused', (label) => {
    expect(HandlingLabel.safeParse(label).success).toBe(false);
  });
});
