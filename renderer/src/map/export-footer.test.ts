import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { exportFooterText, wrapFooterLines } from './export-footer';

const T = Date.UTC(2026, 11, 7, 3, 5, 9);
const t = i18next.createInstance();

describe('the footer of an exported map image', () => {
  beforeAll(async () => {
    await t.init({ lng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false } });
  });

  const label = { handlingLabel: 'For official use only', exporter: { id: 'off-lead', name: 'Lea Lead' }, exportedAt: T, timeZone: 'Africa/Lagos' };
  const subject = { operation: { id: 'op-harmattan', codename: 'HARMATTAN' }, range: { from: T - 3_600_000, to: T } };

  it('given a labelled export, then it reads the handling label, then the operation and range, then who exported it when in UTC and local time', () => {
    expect(exportFooterText(label, subject, t.t)).toEqual({
      handling: 'For official use only',
      lines: [
        'Watchfloor debrief map · Operation HARMATTAN (op-harmattan) · Range 7 Dec 2026, 02:05:09 to 7 Dec 2026, 03:05:09 UTC',
        'Exported by Lea Lead (off-lead) · 7 Dec 2026, 03:05:09 UTC · local time 7 Dec 2026, 04:05:09 Africa/Lagos',
      ],
    });
  });

  it('given a bureau without a handling label and an export of all operations, then the footer says so', () => {
    const text = exportFooterText({ ...label, handlingLabel: undefined }, { ...subject, operation: undefined }, t.t);
    expect(text.handling).toBe('No handling label set by the bureau');
    expect(text.lines[0]).toContain('Operation all operations');
  });

  it('given a narrow image, then a line too wide breaks between its parts, never inside one', () => {
    const measure = (text: string) => text.length;
    expect(wrapFooterLines(['aaaa · bbbb · cccc', 'short'], measure, 11)).toEqual(['aaaa · bbbb', 'cccc', 'short']);
    expect(wrapFooterLines(['a-part-wider-than-the-image · b'], measure, 5)).toEqual(['a-part-wider-than-the-image', 'b']);
  });
});
