import {
  formatUtc,
  formatZoned,
  mayAct,
  mayRevealDetails,
  UNCONFIRMED_SEQ,
  type Alert,
  type AlertHistoryEntry,
  type Checkpoint,
  type Officer,
  type SubjectDetails,
} from '@watchfloor/shared';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isPending, type LiveSnapshot } from '../data/live-store';
import { displayZone } from '../i18n/display-zone';
import { formatPercent } from '../i18n/numbers';
import { useSession } from '../live/hooks';
import { SeverityBadge, StatusChip } from '../live/labels';

/**
 * One alert in full: the hit, who holds it, every step of its handling, and the actions the officer may
 * take. Personal details are fetched only on "Reveal" with a reason, held in this component's memory and
 * dropped when another alert is shown: never cached.
 */
export type ActionKind = 'acknowledge' | 'escalate' | 'resolve' | 'note';

export interface AlertDetailProps {
  readonly alert: Alert;
  readonly checkpoint: Checkpoint | undefined;
  readonly officer: Officer;
  readonly snapshot: LiveSnapshot;
  readonly readOnlyReason: string | undefined;
  readonly onAction: (kind: ActionKind) => void;
}

export function AlertDetail(props: AlertDetailProps) {
  const { t } = useTranslation();
  const { alert, checkpoint } = props;
  const pending = isPending(props.snapshot, alert.id);
  const refusal = props.snapshot.refusals.find((r) => r.alertId === alert.id);
  const session = useSession();

  return (
    <article className="detail" aria-labelledby="detail-title" data-testid="alert-detail" data-alert-id={alert.id}>
      <header className="detail__header">
        <SeverityBadge severity={alert.hit.severity} />
        <StatusChip status={alert.status} level={alert.level} />
        {pending && (
          <span className="pending-chip" role="status" data-testid="pending" data-stage={pending.stage}>
            {t(pending.stage === 'queued' ? 'detail.queued' : 'detail.pending', { command: t(`commands.${pending.command.type}`) })}
          </span>
        )}
        <h3 id="detail-title" className="detail__title">
          {checkpoint?.name ?? alert.hit.checkpointId}
        </h3>
      </header>
      {refusal && (
        <div className="banner banner--refusal" role="alert" data-testid="refusal">
          <strong>{t('detail.refused', { command: t(`commands.${refusal.commandType}`) })}</strong> {refusal.message}
          <button type="button" className="link-button" onClick={() => session.store.dismissRefusal(alert.id)}>
            {t('detail.dismiss')}
          </button>
        </div>
      )}
      <p className="detail__summary">{alert.hit.summary}</p>
      <dl className="facts">
        <dt>{t('detail.checkpoint')}</dt>
        <dd>
          {checkpoint ? `${checkpoint.name} · ${t(`map.kind.${checkpoint.kind}`)} · ${checkpoint.country}` : alert.hit.checkpointId}
        </dd>
        <dt>{t('detail.source')}</dt>
        <dd>{t(`map.source.${alert.hit.source}`)}</dd>
        <dt>{t('detail.score')}</dt>
        <dd>{formatPercent(alert.hit.score)}</dd>
        <dt>{t('detail.recordOwner')}</dt>
        <dd>{alert.hit.recordOwner}</dd>
        <dt>{t('detail.screenedAt')}</dt>
        <dd>
          <TimePair at={alert.hit.at} />
        </dd>
        <dt>{t('detail.holder')}</dt>
        <dd data-testid="detail-holder">{alert.holder?.name ?? t('queue.unheld')}</dd>
        {alert.outcome && (
          <>
            <dt>{t('detail.outcome')}</dt>
            <dd>{t(`outcomes.${alert.outcome}`)}</dd>
          </>
        )}
        <dt>{t('detail.reference')}</dt>
        <dd className="mono">{alert.id.slice(0, 16)}</dd>
      </dl>
      {props.readOnlyReason ? (
        <p className="banner banner--info" role="note">
          {props.readOnlyReason}
        </p>
      ) : (
        <div className="actions" role="toolbar" aria-label={t('detail.actions')}>
          {(['acknowledge', 'escalate', 'resolve', 'note'] as const).map((kind) => {
            const allowed = mayAct(props.officer, kind, alert);
            return (
              <button
                key={kind}
                type="button"
                className={`button${kind === 'acknowledge' ? ' button--primary' : ''}`}
                disabled={!allowed.ok || pending !== undefined}
                title={allowed.ok ? undefined : allowed.message}
                onClick={() => props.onAction(kind)}
              >
                {t(`commands.${kind}`)} <kbd>{t(`shortcuts.key.${kind}`)}</kbd>
              </button>
            );
          })}
        </div>
      )}
      {mayRevealDetails(props.officer, alert).ok && <Reveal key={alert.id} hitId={alert.id} />}
      <section className="history" aria-labelledby="history-title">
        <h4 id="history-title">{t('detail.history')}</h4>
        <ol className="history__list" data-testid="alert-history">
          {[...alert.history].reverse().map((entry, index) => (
            <HistoryEntry key={entry.seq === UNCONFIRMED_SEQ ? `unconfirmed-${index}` : entry.seq} entry={entry} />
          ))}
        </ol>
      </section>
    </article>
  );
}

function TimePair(props: { readonly at: number }) {
  return (
    <span className="time-pair">
      <span>{formatUtc(props.at)}</span>
      <span className="time-pair__local">{formatZoned(props.at, displayZone())}</span>
    </span>
  );
}

function HistoryEntry(props: { readonly entry: AlertHistoryEntry }) {
  const { t } = useTranslation();
  const { entry } = props;
  let what: string;
  switch (entry.type) {
    case 'hit.raised':
      what = t('history.raised');
      break;
    case 'alert.acknowledged':
      what = t('history.acknowledged', { who: entry.by.name });
      break;
    case 'alert.escalated':
      what = t(entry.auto ? 'history.autoEscalated' : 'history.escalated', { who: entry.by.name, level: entry.level, reason: entry.reason });
      break;
    case 'alert.resolved':
      what = t(entry.final ? 'history.resolved' : 'history.proposed', { who: entry.by.name, outcome: t(`outcomes.${entry.outcome}`) });
      break;
    case 'alert.noted':
      what = t('history.noted', { who: entry.by.name, text: entry.text });
      break;
    case 'alert.assigned':
      what = t('history.assigned', { who: entry.by.name, officer: entry.officer.name });
      break;
  }
  const unconfirmed = entry.seq === UNCONFIRMED_SEQ;
  return (
    <li className={`history__entry history__entry--${entry.type.replace('.', '-')}${unconfirmed ? ' history__entry--unconfirmed' : ''}`}>
      <time className="history__time">{formatUtc(entry.at, { date: false })}</time>
      <span className="history__what">
        {what}
        {unconfirmed && <em className="history__unconfirmed"> · {t('history.unconfirmed')}</em>}
      </span>
    </li>
  );
}

function Reveal(props: { readonly hitId: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const [reason, setReason] = useState('');
  const [subject, setSubject] = useState<SubjectDetails | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  useEffect(() => () => setSubject(undefined), []);

  async function reveal(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const answer = await session.details(props.hitId, reason.trim());
      if (answer.ok) setSubject(answer.subject);
      else setError(answer.message);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }

  if (subject !== undefined) {
    return (
      <section className="reveal reveal--open" aria-label={t('reveal.title')}>
        <h4>{t('reveal.title')}</h4>
        <p className="reveal__note">{t('reveal.notStored')}</p>
        <dl className="facts">
          {Object.entries(subject).map(([field, value]) => (
            <div key={field} className="facts__row">
              <dt>{field}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <button type="button" className="button button--small" onClick={() => setSubject(undefined)}>
          {t('reveal.hide')}
        </button>
      </section>
    );
  }
  return (
    <form className="reveal" onSubmit={(event) => void reveal(event)} aria-label={t('reveal.title')}>
      <label className="field field--inline">
        <span>{t('reveal.reason')}</span>
        <input value={reason} onChange={(e) => setReason(e.target.value)} minLength={5} maxLength={500} required placeholder={t('reveal.placeholder')} />
      </label>
      <button type="submit" className="button button--small" disabled={busy || reason.trim().length < 5}>
        {t('reveal.submit')}
      </button>
      {error && (
        <p className="banner banner--refusal" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
