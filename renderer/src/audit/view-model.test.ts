import { AUDIT_GENESIS, sealAuditRecord, verifyAuditExport, type AuditEntry, type AuditRecord, type AuditTrailResponse } from '@watchfloor/shared';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_FILTER_FORM,
  ExportTooLarge,
  FIRST_PAGE,
  auditRow,
  chainBanner,
  collectTrail,
  csvField,
  currentAfter,
  exportCsv,
  exportFileName,
  exportJson,
  landsOnDataProtection,
  mayOpenDataProtection,
  nextPage,
  pageLoaded,
  pageNumber,
  previousPage,
  readFilterForm,
  readUtcTime,
  shortHitId,
} from './view-model';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const T0 = Date.UTC(2026, 11, 7, 3, 12, 9);

function aTrail(entries: readonly AuditEntry[]): AuditRecord[] {
  const records: AuditRecord[] = [];
  let previous: { seq: number; hash: string } = AUDIT_GENESIS;
  for (const entry of entries) {
    const record = sealAuditRecord(entry, previous, sha256);
    records.push(record);
    previous = record;
  }
  return records;
}

const reveal: AuditEntry = { act: 'details-revealed', at: T0, officer: { id: 'off-duty', name: 'Duty Officer' }, source: '10.0.0.7', hitId: 'hit-1', details: { reason: '=HYPERLINK("x")', purpose: 'arrest-procedure' } };
const signIn: AuditEntry = { act: 'signed-in', at: T0 + 1000, officer: { id: 'off-lead', name: 'Shift Lead, "night"' }, details: { role: 'shift-lead' } };
const retention: AuditEntry = { act: 'retention-run', at: T0 + 2000, details: { purged: { events: 3, subjects: 1 } } };

describe('who sees the data-protection view', () => {
  it('given an auditor, then it is their landing screen; an admin may open it; others neither', () => {
    expect(landsOnDataProtection({ id: 'a', name: 'A', role: 'auditor' })).toBe(true);
    expect(landsOnDataProtection({ id: 'a', name: 'A', role: 'admin' })).toBe(false);
    expect(mayOpenDataProtection({ id: 'a', name: 'A', role: 'admin' })).toBe(true);
    expect(mayOpenDataProtection({ id: 'a', name: 'A', role: 'shift-lead' })).toBe(false);
    expect(mayOpenDataProtection({ id: 'a', name: 'A', role: 'admin', scope: 'NG' })).toBe(false);
  });
});

describe('the filter form', () => {
  it('given UTC times as typed, then they read as epoch ms; impossible dates are refused', () => {
    expect(readUtcTime('2026-12-07 03:12')).toBe(Date.UTC(2026, 11, 7, 3, 12));
    expect(readUtcTime('2026-12-07T03:12:09')).toBe(T0);
    expect(readUtcTime(' 2026-12-07 ')).toBe(Date.UTC(2026, 11, 7));
    expect(readUtcTime('2026-02-31')).toBeUndefined();
    expect(readUtcTime('2026-12-07 25:00')).toBeUndefined();
    expect(readUtcTime('07/12/2026')).toBeUndefined();
  });

  it('given a filled form, then the filter the hub reads; empty fields filter nothing', () => {
    expect(readFilterForm(EMPTY_FILTER_FORM)).toEqual({ ok: true, filter: {} });
    expect(readFilterForm({ officer: ' off-duty ', hitId: 'hit-1', purpose: '', act: 'details-revealed', from: '2026-12-07', to: '2026-12-08 00:00' })).toEqual({
      ok: true,
      filter: { officerId: 'off-duty', hitId: 'hit-1', act: 'details-revealed', from: Date.UTC(2026, 11, 7), to: Date.UTC(2026, 11, 8) },
    });
  });

  it('given a bad time, a backwards range or a long text, then the field is named and nothing is applied', () => {
    expect(readFilterForm({ ...EMPTY_FILTER_FORM, from: 'yesterday' })).toEqual({ ok: false, field: 'from', error: 'time' });
    expect(readFilterForm({ ...EMPTY_FILTER_FORM, from: '2026-12-08', to: '2026-12-07' })).toEqual({ ok: false, field: 'to', error: 'range' });
    expect(readFilterForm({ ...EMPTY_FILTER_FORM, hitId: 'x'.repeat(201) })).toEqual({ ok: false, field: 'hitId', error: 'tooLong' });
  });
});

describe('a record as a row', () => {
  it('given a reveal, then time in UTC and local, officer, hit, purpose, the reason and a short hash', () => {
    const [record] = aTrail([reveal]);
    expect(auditRow(record!, 'Africa/Lagos')).toEqual({
      seq: 1,
      act: 'details-revealed',
      utc: '7 Dec 2026, 03:12:09',
      local: '04:12:09',
      iso: '2026-12-07T03:12:09.000Z',
      officerName: 'Duty Officer',
      officerId: 'off-duty',
      hitId: 'hit-1',
      purpose: 'arrest-procedure',
      summary: { key: 'revealed', values: { reason: '=HYPERLINK("x")' } },
      source: '10.0.0.7',
      shortHash: record!.hash.slice(0, 12),
    });
  });

  it("given the hub's own act, then no officer and the details summarised", () => {
    const [, , record] = aTrail([reveal, signIn, retention]);
    expect(auditRow(record!, 'UTC')).toMatchObject({ officerName: undefined, summary: { key: 'retentionRun', values: { purged: 'events 3, subjects 1' } } });
  });

  it('given refusals recorded with and without a reason code, then the row carries the code to word and the English message', () => {
    const coded: AuditEntry = {
      act: 'refused',
      at: T0,
      officer: { id: 'off-wall', name: 'Wall' },
      details: { command: 'acknowledge', code: 'forbidden', reason: 'role-cannot', params: { doing: 'act', roles: ['duty-officer'] }, message: 'Only a duty officer can act on alerts.' },
    };
    const old: AuditEntry = { act: 'refused', at: T0, officer: { id: 'off-wall', name: 'Wall' }, details: { command: 'acknowledge', code: 'forbidden', message: 'Only a duty officer can act on alerts.' } };
    const [codedRecord, oldRecord] = aTrail([coded, old]);
    expect(auditRow(codedRecord!, 'UTC').summary.refusal).toEqual({
      reason: 'role-cannot',
      params: { doing: 'act', roles: ['duty-officer'] },
      message: 'Only a duty officer can act on alerts.',
    });
    expect(auditRow(oldRecord!, 'UTC').summary.refusal).toEqual({ reason: undefined, params: undefined, message: 'Only a duty officer can act on alerts.' });
  });
});

describe('paging', () => {
  it('given pages with next cursors, then next and previous walk them and the first page has no previous', () => {
    const page = (next?: number): AuditTrailResponse => ({ records: [], ...(next === undefined ? {} : { next }) });
    expect(previousPage(FIRST_PAGE)).toBeUndefined();
    expect(nextPage(FIRST_PAGE)).toBeUndefined();
    const first = pageLoaded(FIRST_PAGE, page(100));
    const second = nextPage(first)!;
    expect([currentAfter(second), pageNumber(second)]).toEqual([100, 2]);
    const last = pageLoaded(second, page());
    expect(nextPage(last)).toBeUndefined();
    expect(currentAfter(previousPage(last)!)).toBe(0);
  });
});

describe('chain banner', () => {
  it('given verdicts, then intact with count and last hash, or broken with the record and what is intact before it', () => {
    expect(chainBanner({ ok: true, checkedAt: T0, records: 12, last: { seq: 12, hash: 'a'.repeat(64) } })).toEqual({ kind: 'intact', records: 12, lastSeq: 12, lastHash: 'a'.repeat(64), checkedAt: T0 });
    expect(chainBanner({ ok: false, checkedAt: T0, records: 4, broken: { seq: 5, kind: 'altered', message: 'record 5 was altered' } })).toEqual({
      kind: 'broken',
      seq: 5,
      breakKind: 'altered',
      message: 'record 5 was altered',
      intactBefore: 4,
      checkedAt: T0,
    });
  });
});

describe('exports', () => {
  it('given the filtered trail paged by the hub, then every page is read in order with progress, and too many is refused', async () => {
    const trail = aTrail([reveal, signIn, retention]);
    const read = async (after: number, limit: number) => {
      expect(limit).toBe(1000);
      const records = trail.filter((record) => record.seq > after).slice(0, 2);
      return { records, ...(records.at(-1)!.seq < 3 ? { next: records.at(-1)!.seq } : {}) };
    };
    const progress: number[] = [];
    expect((await collectTrail(read, (count) => progress.push(count))).map((record) => record.seq)).toEqual([1, 2, 3]);
    expect(progress).toEqual([2, 3]);
    await expect(collectTrail(read, () => undefined, 2)).rejects.toBeInstanceOf(ExportTooLarge);
  });

  it('given records, then the JSON export verifies with the shared rule, as a checker of the file would', () => {
    const trail = aTrail([reveal, signIn, retention]);
    const text = exportJson(trail, { exportedAt: T0, exportedBy: { id: 'off-auditor', name: 'Auditor' }, hub: 'http://hub', filter: {}, chain: { ok: true, checkedAt: T0, records: 3, last: { seq: 3, hash: trail[2]!.hash } } });
    expect(verifyAuditExport(JSON.parse(text), sha256)).toEqual({ ok: true, records: 3, links: 2, gaps: 0, first: 1, last: 3 });
  });

  it('given records, then the CSV has a header, each record with its hashes, quotes where needed and formulas defused', () => {
    const trail = aTrail([reveal, signIn]);
    const lines = exportCsv(trail).split('\r\n');
    expect(lines[0]).toBe('seq,at_utc,at_ms,act,officer_id,officer_name,source,hit_id,purpose,reason,details_json,prev_hash,hash');
    expect(lines[1]).toBe(
      `1,2026-12-07T03:12:09.000Z,${T0},details-revealed,off-duty,Duty Officer,10.0.0.7,hit-1,arrest-procedure,"'=HYPERLINK(""x"")",` +
        `"{""purpose"":""arrest-procedure"",""reason"":""=HYPERLINK(\\""x\\"")""}",${'0'.repeat(64)},${trail[0]!.hash}`,
    );
    expect(lines[2]).toContain(',"Shift Lead, ""night""",');
    expect(lines).toHaveLength(4);
    expect(csvField(-3)).toBe('-3');
    expect(csvField('-3')).toBe("'-3");
  });

  it('given the time of export, then a sortable UTC file name', () => {
    expect(exportFileName('json', T0)).toBe('watchfloor-audit-trail-20261207T031209Z.json');
    expect(exportFileName('csv', T0)).toBe('watchfloor-audit-trail-20261207T031209Z.csv');
  });
});

describe('shortHitId', () => {
  it('given a long hit id, then its start and end; a short one whole', () => {
    expect(shortHitId('hit-3de33bac-53fe-465c-9b31-a7cce20bdf7c')).toBe('hit-3de33bac…0bdf7c');
    expect(shortHitId('hit-1')).toBe('hit-1');
  });
});
