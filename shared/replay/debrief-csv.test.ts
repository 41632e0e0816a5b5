import { describe, expect, it } from 'vitest';
import { EMPTY_OPS_STATE, foldEvents } from '../ops/state';
import type { OpsEvent } from '../protocol/events';
import { T0, actorOf, hitRaised, officers } from '../testing/builders';
import { DEBRIEF_COLUMNS, csvField, debriefCsv, debriefFileName } from './debrief-csv';

const duty = actorOf(officers.duty);
const lead = actorOf(officers.lead);
const operation = { id: 'op-1', codename: 'HARMATTAN' };
const range = { from: T0, to: T0 + 3_600_000 };
const label = { handlingLabel: 'For official use only', exporter: { id: 'off-lead', name: 'Lea Lead' }, exportedAt: T0 + 4_000_000, timeZone: 'Africa/Lagos' };

const handled: OpsEvent[] = [
  {
    seq: 1,
    at: T0 + 1000,
    type: 'checkpoint.updated',
    checkpoint: { id: 'cp-los', name: 'Lagos, Murtala Muhammed "MMIA"', kind: 'airport', country: 'NG', lon: 3.32, lat: 6.57, status: 'online' },
  },
  hitRaised(2, { id: 'hit-a', severity: 'critical', summary: '=HYPERLINK("http://x") stolen passport, arrivals' }),
  { seq: 3, at: T0 + 62_000, type: 'alert.escalated', alertId: 'hit-a', level: 1, reason: 'deadline', by: { id: 'system', name: 'Hub (automatic)' }, auto: true },
  { seq: 4, at: T0 + 90_000, type: 'alert.acknowledged', alertId: 'hit-a', by: duty },
  { seq: 5, at: T0 + 95_000, type: 'alert.noted', alertId: 'hit-a', text: 'Subject says his name is John Doe', by: duty },
  { seq: 6, at: T0 + 100_000, type: 'alert.resolved', alertId: 'hit-a', outcome: 'confirmed', final: false, by: duty },
  { seq: 7, at: T0 + 120_000, type: 'alert.resolved', alertId: 'hit-a', outcome: 'confirmed', final: true, by: lead },
  hitRaised(8, { id: 'hit-b', summary: 'Plain summary' }),
  { ...hitRaised(9, { id: 'hit-late' }), at: T0 + 7_200_000 },
];

const columnTitle = (column: string) => column;

function rows(csv: string): string[] {
  return csv.split('\r\n').filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('"#'));
}

describe('debrief CSV', () => {
  const state = foldEvents(EMPTY_OPS_STATE, handled).state;
  const csv = debriefCsv({ operation, range, asOf: T0 + 3_600_000, state, label, columnTitle });

  it('given a range, when exported, then the file states first the handling label, then the operation, the range, the handling time, who exported it when (UTC and local) and the zone', () => {
    expect(csv.split('\r\n').slice(0, 9)).toEqual([
      '# Handling label: For official use only',
      '# Watchfloor debrief',
      '# Operation: HARMATTAN (op-1)',
      '# Range: 2026-11-22T08:00:00Z to 2026-11-22T09:00:00Z (alerts raised in this range)',
      '# Handling as of: 2026-11-22T09:00:00Z',
      '# Exported by: Lea Lead (off-lead)',
      '# Exported at: 2026-11-22T09:06:40Z (UTC); 2026-11-22 10:06:40 Africa/Lagos (local)',
      '# Time zone: UTC (ISO 8601)',
      DEBRIEF_COLUMNS.join(','),
    ]);
    expect(debriefFileName({ operation, range })).toBe('watchfloor-debrief_HARMATTAN_20261122T0800Z-20261122T0900Z_UTC.csv');
  });

  it('given column titles in the exporter\'s language, when exported, then the header row carries them, quoted where needed, and the cells stay codes', () => {
    const titled = debriefCsv({ operation, range, asOf: T0 + 3_600_000, state, label, columnTitle: (column) => (column === 'country' ? 'Pays, code' : `«${column}»`) });
    const [header, first] = rows(titled);
    expect(header!.split(',').slice(0, 2)).toEqual(['«alert_id»', '«raised_at_utc»']);
    expect(header).toContain('"Pays, code"');
    expect(first).toBe(rows(csv)[1]);
  });

  it('given alerts in and out of the range, when exported, then only those raised in it are rows', () => {
    const [header, ...body] = rows(csv);
    expect(header!.split(',')[0]).toBe('alert_id');
    expect(body.map((row) => row.split(',')[0])).toEqual(['hit-a', 'hit-b']);
  });

  it('given a handled alert, when exported, then who did what and when is in its row', () => {
    const line = rows(csv)[1]!;
    expect(line).toContain(',resolved,1,confirmed,Ada Duty,2026-11-22T08:01:30Z,88,L1 automatic at 2026-11-22T08:01:02Z,,Ada Duty,Lea Lead,2026-11-22T08:02:00Z,Ada Duty,1');
    expect(line).toContain('"Lagos, Murtala Muhammed ""MMIA"""');
  });

  it('given a summary that a spreadsheet would run as a formula, when exported, then it is neutralised and quoted', () => {
    expect(rows(csv)[1]).toContain(`"'=HYPERLINK(""http://x"") stolen passport, arrivals"`);
  });

  it('given notes with free text, when exported, then their text never appears, only their count', () => {
    expect(csv).not.toContain('John Doe');
    expect(csv).not.toContain('subj-');
  });

  it('given fields with commas, quotes or line breaks, when quoted, then they follow RFC 4180', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('-1+1')).toBe("'-1+1");
  });

  it('given an operation codename with spaces or slashes, when named, then the file name stays safe', () => {
    expect(debriefFileName({ operation: { id: 'op-2', codename: 'Sea / Shield 2' }, range })).toBe(
      'watchfloor-debrief_Sea-Shield-2_20261122T0800Z-20261122T0900Z_UTC.csv',
    );
  });

  it('given a hit stamped beyond any date, when exported and named, then its time reads "invalid time" instead of failing', () => {
    const impossible = foldEvents(EMPTY_OPS_STATE, [{ ...hitRaised(1, { id: 'hit-far' }), at: 9e15 }]).state;
    const far = { from: T0, to: 9e15 };
    const body = rows(debriefCsv({ operation, range: far, asOf: 9e15, state: impossible, label, columnTitle }));
    expect(body[1]).toContain('invalid time');
    expect(debriefFileName({ operation, range: far })).toBe('watchfloor-debrief_HARMATTAN_20261122T0800Z-invalid-time_UTC.csv');
  });

  it('given a bureau that set no handling label, when exported, then the first line says none was set', () => {
    const unlabelled = debriefCsv({ operation: undefined, range, asOf: range.to, state, label: { ...label, handlingLabel: undefined }, columnTitle });
    expect(unlabelled.split('\r\n').slice(0, 3)).toEqual(['# Handling label: no handling label set by the bureau', '# Watchfloor debrief', '# Operation: all operations']);
  });

  it('given a handling label with a comma and quotes, then its line stays one quoted cell', () => {
    const odd = debriefCsv({ operation, range, asOf: range.to, state, label: { ...label, handlingLabel: 'Restricted, "NCB only"' }, columnTitle });
    expect(odd.split('\r\n')[0]).toBe('"# Handling label: Restricted, ""NCB only"""');
  });
});
