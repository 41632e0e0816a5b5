import { AUDIT_ACTS, DEFAULT_REVEAL_PURPOSE_LIST, type AuditExportFormat, type AuditRecord, type AuditTrailFilter, type Officer, type SessionEndReason } from '@watchfloor/shared';
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { revealPurposeLabel } from '../detail/reveal-purposes';
import { displayZone } from '../i18n/display-zone';
import { formatCount } from '../i18n/format';
import { Clock } from '../shell/Clock';
import { download } from '../shell/download';
import { LanguageControl } from '../shell/LanguageControl';
import { AuditApiError, auditApi } from './audit-api';
import { ChainState } from './ChainState';
import { ExportStatus, type ExportState } from './ExportStatus';
import { RecordPane } from './RecordPane';
import { TrailRow } from './TrailRow';
import {
  EMPTY_FILTER_FORM,
  ExportTooLarge,
  FIRST_PAGE,
  auditRow,
  chainBanner,
  collectTrail,
  currentAfter,
  exportCsv,
  exportFileName,
  exportJson,
  isFiltered,
  nextPage,
  pageLoaded,
  pageNumber,
  previousPage,
  readFilterForm,
  type ChainBanner,
  type FilterField,
  type FilterForm,
  type TrailPosition,
} from './view-model';
import './audit.css';

/**
 * The data-protection view: the hub's hash-chained audit trail for the bureau's data-protection officer
 * (their only screen) and admins. The chain's verification is always on top; the trail is read from the hub
 * a page at a time with the filter applied there; the filtered trail exports as JSON (checkable with
 * `npm run hub -- audit verify-export`) or CSV, each export recorded in the trail first. Keyboard first:
 * `/` filters, j/k move, n/p page, o/h narrow to the selected record's officer or hit, v verifies, e and c export.
 */
const PAGE_SIZE = 100;

type PageState =
  | { readonly kind: 'loading'; readonly records: readonly AuditRecord[] }
  | { readonly kind: 'loaded'; readonly records: readonly AuditRecord[] }
  | { readonly kind: 'failed'; readonly records: readonly AuditRecord[]; readonly message: string };

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export function DataProtectionScreen(props: {
  readonly hubUrl: string;
  readonly token: () => string;
  readonly officer: Officer;
  readonly onSignOut: () => void;
  /** An admin goes back to the live console; an auditor has no other screen. */
  readonly onBack?: () => void;
  readonly onSessionEnded: (reason: SessionEndReason) => void;
}) {
  const { t, i18n } = useTranslation();
  const { hubUrl, token } = props;
  // The latest callback, without reloading the page each time the parent passes a new one.
  const onSessionEnded = useRef(props.onSessionEnded);
  onSessionEnded.current = props.onSessionEnded;
  const api = useMemo(() => auditApi(hubUrl, token), [hubUrl, token]);
  const zone = displayZone();
  const [form, setForm] = useState<FilterForm>(EMPTY_FILTER_FORM);
  const [formError, setFormError] = useState<{ readonly field: FilterField; readonly message: string } | undefined>(undefined);
  const [filter, setFilter] = useState<AuditTrailFilter>({});
  const [position, setPosition] = useState<TrailPosition>(FIRST_PAGE);
  const [page, setPage] = useState<PageState>({ kind: 'loading', records: [] });
  const [selected, setSelected] = useState(0);
  const [chain, setChain] = useState<ChainBanner>({ kind: 'checking' });
  const [exporting, setExporting] = useState<ExportState>({ kind: 'idle' });
  const tableRef = useRef<HTMLDivElement>(null);

  /** A failure's words for the screen; a session the hub ended goes back to sign-in instead. */
  const failure = useCallback(
    (error: unknown): string => {
      if (error instanceof AuditApiError && error.sessionEnded !== undefined) onSessionEnded.current(error.sessionEnded);
      return error instanceof Error ? error.message : String(error);
    },
    [],
  );

  const after = currentAfter(position);
  useEffect(() => {
    let cancelled = false;
    setPage((previous) => ({ kind: 'loading', records: previous.records }));
    api.page(filter, after, PAGE_SIZE).then(
      (loaded) => {
        if (cancelled) return;
        setPage({ kind: 'loaded', records: loaded.records });
        setPosition((current) => (currentAfter(current) === after ? pageLoaded(current, loaded) : current));
        setSelected(0);
      },
      (error: unknown) => !cancelled && setPage({ kind: 'failed', records: [], message: failure(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [api, filter, after, failure]);

  const verify = useCallback(() => {
    setChain({ kind: 'checking' });
    api.verification().then(
      (verification) => setChain(chainBanner(verification)),
      (error: unknown) => setChain({ kind: 'unknown', message: failure(error) }),
    );
  }, [api, failure]);
  useEffect(verify, [verify]);

  // The rows' times are worded in the interface language, so they are worded again when it changes.
  const rows = useMemo(() => page.records.map((record) => auditRow(record, zone)), [page.records, zone, i18n.language]);
  const selectedRecord = page.records[selected];

  const apply = useCallback((next: FilterForm) => {
    const read = readFilterForm(next);
    if (!read.ok) {
      setFormError({ field: read.field, message: t(`dataProtection.filterError.${read.error}`) });
      document.getElementById(`audit-filter-${read.field}`)?.focus();
      return;
    }
    setFormError(undefined);
    setForm(next);
    setFilter(read.filter);
    setPosition(FIRST_PAGE);
  }, [t]);

  const narrowTo = useCallback(
    (field: 'officer' | 'hitId') => {
      const value = field === 'officer' ? selectedRecord?.officer?.id : selectedRecord?.hitId;
      if (value !== undefined) apply({ ...form, [field]: value });
    },
    [apply, form, selectedRecord],
  );

  const exportAs = useCallback(
    async (format: AuditExportFormat) => {
      if (exporting.kind === 'running') return;
      setExporting({ kind: 'running', format, records: 0 });
      try {
        const records = await collectTrail((from, limit) => api.page(filter, from, limit), (count) => setExporting({ kind: 'running', format, records: count }));
        const verification = await api.verification();
        const exportedAt = Date.now();
        // Recorded before the file exists: an export the trail does not know of is never written.
        const recorded = await api.recordExport({ format, filter, records: records.length });
        const text =
          format === 'json'
            ? exportJson(records, { exportedAt, exportedBy: { id: props.officer.id, name: props.officer.name }, hub: hubUrl, filter, chain: verification })
            : exportCsv(records);
        const file = exportFileName(format, exportedAt);
        download(new Blob([text], { type: format === 'json' ? 'application/json' : 'text/csv;charset=utf-8' }), file);
        setExporting({ kind: 'done', format, records: records.length, seq: recorded.seq, file });
        verify();
      } catch (error) {
        const message = error instanceof ExportTooLarge ? t('dataProtection.export.tooLarge', { limit: formatCount(error.limit) }) : failure(error);
        setExporting({ kind: 'failed', message });
      }
    },
    [api, exporting.kind, failure, filter, hubUrl, props.officer, t, verify],
  );

  const move = useCallback(
    (delta: number) => {
      if (rows.length === 0) return;
      setSelected((current) => Math.min(rows.length - 1, Math.max(0, current + delta)));
    },
    [rows.length],
  );
  const goNext = useCallback(() => setPosition((current) => nextPage(current) ?? current), []);
  const goPrevious = useCallback(() => setPosition((current) => previousPage(current) ?? current), []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      const handlers: Record<string, () => void> = {
        j: () => move(1),
        ArrowDown: () => move(1),
        k: () => move(-1),
        ArrowUp: () => move(-1),
        n: goNext,
        PageDown: goNext,
        p: goPrevious,
        PageUp: goPrevious,
        '/': () => document.getElementById('audit-filter-officer')?.focus(),
        o: () => narrowTo('officer'),
        h: () => narrowTo('hitId'),
        v: verify,
        e: () => void exportAs('json'),
        c: () => void exportAs('csv'),
      };
      const handler = handlers[event.key];
      if (handler === undefined) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [exportAs, goNext, goPrevious, move, narrowTo, verify]);

  // Keep the selected row in view as j/k move through the page.
  useEffect(() => {
    tableRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selected, rows]);

  const onFilterKey = (event: ReactKeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    (event.target as HTMLElement).blur();
    tableRef.current?.focus();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply(form);
  };

  const field = (name: Exclude<FilterField, 'act'>, options: { readonly placeholder?: string; readonly list?: string; readonly wide?: boolean } = {}) => (
    <label className={`audit-filter__field${options.wide ? ' audit-filter__field--wide' : ''}`}>
      <span>{t(`dataProtection.filter.${name}`)}</span>
      <input
        id={`audit-filter-${name}`}
        value={form[name]}
        onChange={(event) => setForm({ ...form, [name]: event.target.value })}
        onKeyDown={onFilterKey}
        placeholder={options.placeholder}
        list={options.list}
        aria-invalid={formError?.field === name}
        spellCheck={false}
        autoComplete="off"
      />
    </label>
  );

  const officersOnPage = useMemo(() => {
    const seen = new Map<string, string>();
    for (const record of page.records) if (record.officer !== undefined) seen.set(record.officer.id, record.officer.name);
    return [...seen];
  }, [page.records]);
  const firstSeq = rows[0]?.seq;
  const lastSeq = rows.at(-1)?.seq;
  const brokenFrom = chain.kind === 'broken' ? chain.seq : undefined;

  return (
    <div className="shell audit-shell" data-testid="data-protection">
      <header className="topbar">
        <div className="topbar__brand">
          <span className="topbar__mark" aria-hidden="true" />
          <span className="topbar__name">{t('app.name')}</span>
        </div>
        <h1 className="audit-title">{t('dataProtection.title')}</h1>
        <Clock />
        <div className="topbar__officer">
          <span data-testid="officer-name">{props.officer.name}</span>
          <span className="topbar__role">{t(`roles.${props.officer.role}`)}</span>
        </div>
        <LanguageControl officerId={props.officer.id} />
        {props.onBack && (
          <button type="button" className="button button--small" onClick={props.onBack}>
            {t('dataProtection.back')}
          </button>
        )}
        <button type="button" className="button button--small" onClick={props.onSignOut}>
          {t('topbar.signOut')}
        </button>
      </header>

      <ChainState chain={chain} onVerify={verify} />

      <form className="audit-filter" onSubmit={submit} aria-label={t('dataProtection.filter.label')} data-testid="audit-filter">
        {field('officer', { placeholder: t('dataProtection.filter.officerPlaceholder'), list: 'audit-officers' })}
        <datalist id="audit-officers">
          {officersOnPage.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </datalist>
        {field('hitId', { placeholder: 'hit-…', wide: true })}
        <label className="audit-filter__field">
          <span>{t('dataProtection.filter.act')}</span>
          <select id="audit-filter-act" value={form.act} onChange={(event) => setForm({ ...form, act: event.target.value as FilterForm['act'] })} onKeyDown={onFilterKey}>
            <option value="">{t('dataProtection.filter.anyAct')}</option>
            {AUDIT_ACTS.map((act) => (
              <option key={act} value={act}>
                {t(`dataProtection.acts.${act}`)}
              </option>
            ))}
          </select>
        </label>
        {field('purpose', { list: 'audit-purposes' })}
        <datalist id="audit-purposes">
          {DEFAULT_REVEAL_PURPOSE_LIST.map((purpose) => (
            <option key={purpose.id} value={purpose.id}>
              {revealPurposeLabel(purpose.id, undefined, t)}
            </option>
          ))}
        </datalist>
        {field('from', { placeholder: t('dataProtection.filter.timePlaceholder') })}
        {field('to', { placeholder: t('dataProtection.filter.timePlaceholder') })}
        <div className="audit-filter__actions">
          <button type="submit" className="button button--small button--primary">
            {t('dataProtection.filter.apply')} <kbd>↵</kbd>
          </button>
          <button type="button" className="button button--small" disabled={!isFiltered(filter) && Object.values(form).every((value) => value === '')} onClick={() => apply(EMPTY_FILTER_FORM)}>
            {t('dataProtection.filter.clear')}
          </button>
        </div>
        {formError && (
          <p className="audit-filter__error" role="alert">
            {t(`dataProtection.filter.${formError.field}`)}: {formError.message}
          </p>
        )}
      </form>

      <main className="audit-workspace">
        <section className="panel audit-trail" aria-labelledby="audit-trail-heading">
          <div className="audit-trail__bar">
            <h2 className="panel__title" id="audit-trail-heading">
              {isFiltered(filter) ? t('dataProtection.trail.filtered') : t('dataProtection.trail.all')}
            </h2>
            <span className="audit-trail__range" data-testid="audit-range" role="status">
              {page.kind === 'loading'
                ? t('dataProtection.trail.loading')
                : rows.length === 0
                  ? t('dataProtection.trail.none')
                  : t('dataProtection.trail.range', { page: pageNumber(position), count: rows.length, first: String(firstSeq), last: String(lastSeq) })}
            </span>
            <div className="audit-trail__paging">
              <button type="button" className="button button--small" disabled={previousPage(position) === undefined} onClick={goPrevious}>
                {t('dataProtection.trail.previous')} <kbd>{t('dataProtection.keyCap.previous')}</kbd>
              </button>
              <button type="button" className="button button--small" disabled={position.next === undefined} onClick={goNext}>
                {t('dataProtection.trail.next')} <kbd>{t('dataProtection.keyCap.next')}</kbd>
              </button>
            </div>
            <div className="audit-trail__export">
              <button type="button" className="button button--small" disabled={exporting.kind === 'running'} onClick={() => void exportAs('json')} data-testid="export-json">
                {t('dataProtection.export.json')} <kbd>{t('dataProtection.keyCap.json')}</kbd>
              </button>
              <button type="button" className="button button--small" disabled={exporting.kind === 'running'} onClick={() => void exportAs('csv')} data-testid="export-csv">
                {t('dataProtection.export.csv')} <kbd>{t('dataProtection.keyCap.csv')}</kbd>
              </button>
            </div>
          </div>
          <ExportStatus state={exporting} />
          {page.kind === 'failed' && (
            <p className="audit-error" role="alert">
              {t('dataProtection.trail.failed', { message: page.message })}
            </p>
          )}
          <div className="audit-table-wrap" ref={tableRef} tabIndex={-1}>
            <table className={`audit-table${page.kind === 'loading' ? ' audit-table--loading' : ''}`} data-testid="audit-table" aria-labelledby="audit-trail-heading">
              <thead>
                <tr>
                  <th scope="col" className="audit-table__num">{t('dataProtection.column.seq')}</th>
                  <th scope="col">{t('dataProtection.column.utc')}</th>
                  <th scope="col">{t('dataProtection.column.local', { zone })}</th>
                  <th scope="col">{t('dataProtection.column.act')}</th>
                  <th scope="col">{t('dataProtection.column.officer')}</th>
                  <th scope="col">{t('dataProtection.column.hit')}</th>
                  <th scope="col">{t('dataProtection.column.purpose')}</th>
                  <th scope="col">{t('dataProtection.column.details')}</th>
                  <th scope="col">{t('dataProtection.column.source')}</th>
                  <th scope="col">{t('dataProtection.column.hash')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, index) => (
                  <TrailRow key={row.seq} row={row} selected={index === selected} suspect={brokenFrom !== undefined && row.seq >= brokenFrom} onSelect={() => setSelected(index)} />
                ))}
              </tbody>
            </table>
            {page.kind === 'loaded' && rows.length === 0 && <p className="empty-state">{isFiltered(filter) ? t('dataProtection.trail.noMatch') : t('dataProtection.trail.empty')}</p>}
          </div>
        </section>
        <RecordPane record={selectedRecord} zone={zone} brokenFrom={brokenFrom} />
      </main>
      <footer className="audit-keys" aria-label={t('dataProtection.keys.label')}>
        {(['filter', 'move', 'page', 'narrow', 'verify', 'export'] as const).map((key) => (
          <span key={key}>{t(`dataProtection.keys.${key}`)}</span>
        ))}
      </footer>
    </div>
  );
}
