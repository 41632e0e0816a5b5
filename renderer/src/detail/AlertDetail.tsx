import {
  mayAct,
  mayRevealDetails,
  REASON_MAX_LENGTH,
  REVEAL_REASON_MIN_LENGTH,
  REVEAL_REASON_MIN_WORDS,
  revealReasonProblem,
  UNCONFIRMED_SEQ,
  type Alert,
  type AlertHistoryEntry,
  type Checkpoint,
  type DetailsResponse,
  type Officer,
  type RevealPurpose,
} from '@watchfloor/shared';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { subjectFieldLabel } from './subject-fields';
import { isPending, type LiveSnapshot } from '../data/live-store';
import { displayZone } from '../i18n/display-zone';
import { countryName, formatLocalTime, formatPercent, formatUtcTime } from '../i18n/format';
import { escalationReasonText, refusalText } from '../i18n/coded-text';
import { useSession } from '../live/hooks';
import { SeverityBadge, StatusChip } from '../live/labels';
import type { ActionKind } from '../shortcuts/availability';
import { historyTimes } from './history-times';
import { revealPurposeLabel, revealPurposeOptions } from './reveal-purposes';

/**
 * One alert in full: the hit, who holds it, every step of its handling, and the actions the officer may
 * take. Personal details are fetched only on "Reveal" with a purpose from the bureau's list and a reason,
 * held in this component's memory and dropped when another alert is shown: never cached. With them comes
 * who revealed them before, and when.
 */
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
          <strong>{t('detail.refused', { command: t(`commands.${refusal.commandType}`) })}</strong> {refusalText(t, refusal)}
          <button type="button" className="link-button" onClick={() => session.store.dismissRefusal(alert.id)}>
            {t('detail.dismiss')}
          </button>
        </div>
      )}
      <p className="detail__summary">{alert.hit.summary}</p>
      <dl className="facts">
        <dt>{t('detail.checkpoint')}</dt>
        <dd>
          {checkpoint
            ? `${checkpoint.name} · ${t(`map.kind.${checkpoint.kind}`)} · ${t('country.withCode', { name: countryName(checkpoint.country), code: checkpoint.country })}`
            : alert.hit.checkpointId}
        </dd>
        <dt>{t('detail.source')}</dt>
        <dd>{t(`map.source.${alert.hit.source}`)}</dd>
        <dt>{t('detail.score')}</dt>
        <dd>{formatPercent(alert.hit.score)}</dd>
        <dt>{t('detail.recordOwner')}</dt>
        <dd>{t('country.withCode', { name: countryName(alert.hit.recordOwner), code: alert.hit.recordOwner })}</dd>
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
                title={allowed.ok ? undefined : refusalText(t, allowed)}
                onClick={() => props.onAction(kind)}
              >
                {t(`commands.${kind}`)} <kbd>{t(`shortcuts.key.${kind}`)}</kbd>
              </button>
            );
          })}
        </div>
      )}
      {mayRevealDetails(props.officer, alert).ok && <Reveal key={alert.id} hitId={alert.id} purposes={props.snapshot.hello?.revealPurposes} />}
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
      <span>{formatUtcTime(props.at)}</span>
      <span className="time-pair__local">{formatLocalTime(props.at, displayZone())}</span>
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
      what = t(entry.auto ? 'history.autoEscalated' : 'history.escalated', { who: entry.by.name, level: entry.level, reason: escalationReasonText(t, entry) });
      break;
    case 'alert.resolved':
      what = t(entry.final ? 'history.resolved' : 'history.proposed', { who: entry.by.name, outcome: t(`outcomes.${entry.outcome}`) });
      if (entry.comment !== undefined) what = `${what}: ${entry.comment}`;
      break;
    case 'alert.noted':
      what = t('history.noted', { who: entry.by.name, text: entry.text });
      break;
    case 'alert.assigned':
      what = t('history.assigned', { who: entry.by.name, officer: entry.officer.name });
      break;
  }
  const unconfirmed = entry.seq === UNCONFIRMED_SEQ;
  const { shownAt, reachedHubAt } = historyTimes(entry);
  return (
    <li className={`history__entry history__entry--${entry.type.replace('.', '-')}${unconfirmed ? ' history__entry--unconfirmed' : ''}`}>
      <time className="history__time">{formatUtcTime(shownAt, { date: false })}</time>
      <span className="history__what">
        {what}
        {unconfirmed && <em className="history__unconfirmed"> · {t('history.unconfirmed')}</em>}
        {reachedHubAt !== undefined && (
          <em className="history__unconfirmed" data-testid="history-reached-hub">
            {' '}
            · {t('history.reachedHub', { time: formatUtcTime(reachedHubAt, { date: false, zone: false }) })}
          </em>
        )}
      </span>
    </li>
  );
}

type Revealed = Extract<DetailsResponse, { ok: true }>;

/** The revealed details take the focus from the form that disappears, so the officer's place is never lost. */
const focusWhenShown = (element: HTMLElement | null) => element?.focus();

function Reveal(props: { readonly hitId: string; readonly purposes: readonly RevealPurpose[] | undefined }) {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const [purpose, setPurpose] = useState('');
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const [revealed, setRevealed] = useState<Revealed | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  useEffect(() => () => setRevealed(undefined), []);
  const problem = revealReasonProblem(reason);
  const hint = { min: REVEAL_REASON_MIN_LENGTH, words: REVEAL_REASON_MIN_WORDS, max: REASON_MAX_LENGTH, count: reason.trim().length };

  async function reveal(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (purpose === '' || problem !== undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      const answer = await session.details(props.hitId, purpose, reason.trim());
      if (answer.ok) setRevealed(answer);
      else setError(refusalText(t, answer));
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }

  if (revealed !== undefined) {
    const hidden = revealed.earlierRevealsTotal - revealed.earlierReveals.length;
    return (
      <section className="reveal reveal--open" aria-label={t('reveal.title')} data-testid="reveal-details" tabIndex={-1} ref={focusWhenShown}>
        <h4>{t('reveal.title')}</h4>
        <p className="reveal__note">{t('reveal.notStored')}</p>
        <dl className="facts">
          {Object.entries(revealed.subject).map(([field, value]) => (
            <div key={field} className="facts__row">
              <dt>{subjectFieldLabel(field, (key) => (i18n.exists(`reveal.field.${key}`) ? t(`reveal.field.${key}`) : undefined))}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        <section className="reveal__earlier" aria-label={t('reveal.earlier.title')} data-testid="earlier-reveals">
          <h5>{t('reveal.earlier.title')}</h5>
          {revealed.earlierReveals.length === 0 ? (
            <p>{t('reveal.earlier.none')}</p>
          ) : (
            <ul>
              {revealed.earlierReveals.map((earlier, index) => (
                <li key={index}>
                  {t('reveal.earlier.entry', {
                    utc: formatUtcTime(earlier.at),
                    local: formatLocalTime(earlier.at, displayZone()),
                    who: earlier.officer.name || earlier.officer.id,
                    purpose: earlier.purpose === undefined ? t('reveal.earlier.noPurpose') : revealPurposeLabel(earlier.purpose, props.purposes, t),
                  })}
                </li>
              ))}
            </ul>
          )}
          {hidden > 0 && <p>{t('reveal.earlier.more', { count: hidden })}</p>}
        </section>
        <button type="button" className="button button--small" onClick={() => setRevealed(undefined)}>
          {t('reveal.hide')}
        </button>
      </section>
    );
  }
  const showProblem = touched || reason.length > 0;
  return (
    <form className="reveal" onSubmit={(event) => void reveal(event)} aria-label={t('reveal.title')} data-testid="reveal-form" noValidate>
      <h4>{t('reveal.title')}</h4>
      <label className="field">
        <span>{t('reveal.purpose')}</span>
        <select value={purpose} onChange={(e) => setPurpose(e.target.value)} required aria-invalid={touched && purpose === ''} data-testid="reveal-purpose">
          <option value="" disabled>
            {t('reveal.choosePurpose')}
          </option>
          {revealPurposeOptions(props.purposes, t).map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      {touched && purpose === '' && <p className="reveal__problem">{t('reveal.needPurpose')}</p>}
      <label className="field">
        <span>{t('reveal.reason')}</span>
        <textarea
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          onBlur={() => setTouched(reason.length > 0 || touched)}
          maxLength={REASON_MAX_LENGTH}
          rows={2}
          required
          aria-invalid={showProblem && problem !== undefined}
          aria-describedby="reveal-reason-hint"
          placeholder={t('reveal.placeholder')}
          data-testid="reveal-reason"
        />
      </label>
      <p id="reveal-reason-hint" className={showProblem && problem !== undefined ? 'reveal__problem' : 'hint'} role={showProblem && problem !== undefined ? 'status' : undefined}>
        {showProblem && problem !== undefined ? t(`reveal.reasonProblem.${problem}`, hint) : t('reveal.reasonHint', hint)}
      </p>
      <p className="reveal__note">{t('reveal.recorded')}</p>
      <button type="submit" className="button button--small" disabled={busy} data-testid="reveal-submit">
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
