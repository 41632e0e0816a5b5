import type { Operation, PresenceEntry } from '@watchfloor/shared';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { phaseText } from '../i18n/coded-text';
import type { LiveSnapshot } from '../data/live-store';
import type { Freshness } from '../data/staleness';
import type { ViewMode } from '../replay';
import { countryName, formatCount, formatDuration, formatUtcTime } from '../i18n/format';
import { Clock } from '../shell/Clock';
import { LanguageControl } from '../shell/LanguageControl';
import { PictureProgress } from './PictureProgress';
import { useSession } from './hooks';

/**
 * Operation, what the screen shows (live, paused or replay: the bar itself changes colour away from live),
 * connection state (always visible), clocks in UTC and local, who is signed in and the language they chose.
 */
export function TopBar(props: {
  readonly snapshot: LiveSnapshot;
  readonly operation: Operation | undefined;
  readonly now: number;
  readonly viewMode: ViewMode;
  readonly freshness: Freshness;
  readonly wall: boolean;
  readonly onSignOut: () => void;
  readonly onHelp: () => void;
  readonly children?: ReactNode;
}) {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <header className={`topbar topbar--${props.viewMode}`} data-mode={props.viewMode}>
      <div className="topbar__brand">
        <span className="topbar__mark" aria-hidden="true" />
        <span className="topbar__name">{t('app.name')}</span>
      </div>
      <div className="topbar__operation" data-testid="operation-name">
        {props.operation ? (
          <>
            <strong>{props.operation.codename}</strong> <span className="topbar__phase">{phaseText(t, props.operation.phase)}</span>
          </>
        ) : (
          t('operation.none')
        )}
      </div>
      {props.viewMode !== 'live' && (
        <span className="topbar__mode" data-testid="topbar-mode">
          {t(`topbar.mode.${props.viewMode}`)}
        </span>
      )}
      <ConnectionPill snapshot={props.snapshot} now={props.now} past={props.viewMode !== 'live'} freshness={props.freshness} />
      {props.snapshot.loading === undefined ? <CatchUp snapshot={props.snapshot} /> : <PictureProgress loading={props.snapshot.loading} />}
      {props.snapshot.presence.length > 0 && <PresenceSummary presence={props.snapshot.presence} now={props.now} />}
      <Clock />
      {props.children}
      <div className="topbar__officer">
        <span data-testid="officer-name">{session.officer.name}</span>
        <span className="topbar__role">
          {t(`roles.${session.officer.role}`)}
          {session.officer.scope ? ` · ${countryName(session.officer.scope)}` : ''}
        </span>
      </div>
      <LanguageControl officerId={session.officer.id} />
      {!props.wall && (
        <button type="button" className="button button--small" onClick={props.onSignOut}>
          {t('topbar.signOut')}
        </button>
      )}
      <button type="button" className="button button--small button--ghost" title={t('shortcuts.title')} onClick={props.onHelp}>
        ?
      </button>
    </header>
  );
}

/** For shift leads: how many officers are on, and who has silenced alerts until when. */
export function PresenceSummary(props: { readonly presence: readonly PresenceEntry[]; readonly now: number }) {
  const { t } = useTranslation();
  const silenced = props.presence.filter((entry) => entry.doNotDisturbUntil !== undefined && entry.doNotDisturbUntil > props.now);
  return (
    <div className="presence" data-testid="presence">
      <span>{t('presence.online', { count: props.presence.length })}</span>
      {silenced.map((entry) => (
        <span key={entry.officer.id} className="presence__dnd" title={t('presence.dndTitle')}>
          {t('presence.dnd', { name: entry.officer.name, until: formatUtcTime(entry.doNotDisturbUntil!, { date: false, seconds: false, zone: false }) })}
        </span>
      ))}
    </div>
  );
}

/**
 * The hub connection; looking at the past, a working connection says "Hub connected", never "Live". The
 * data's age is the outage banner's: from the moment the picture is as of.
 */
export function ConnectionPill(props: { readonly snapshot: LiveSnapshot; readonly now: number; readonly past: boolean; readonly freshness: Freshness }) {
  const { t } = useTranslation();
  const { connection } = props.snapshot;
  const asOf = props.freshness.kind === 'stale' ? props.freshness.asOf : props.snapshot.receivedAt;
  const age = asOf === undefined ? t('connection.noData') : formatDuration(props.now - asOf);
  let kind: 'live' | 'reconnecting' | 'offline' | 'idle';
  let label: string;
  switch (connection.kind) {
    case 'live':
      kind = 'live';
      label = props.past ? t('connection.connected') : t('connection.live');
      break;
    case 'connecting':
      kind = 'idle';
      label = props.snapshot.fromCache ? t('connection.cached', { age }) : t('connection.connecting');
      break;
    case 'reconnecting':
      kind = 'reconnecting';
      label = `${t('connection.reconnecting', { attempt: Math.max(1, connection.attempt) })} · ${t('connection.dataAge', { age })}`;
      break;
    case 'unauthorized':
    case 'closed':
      kind = 'offline';
      label = t('connection.offline', { age });
      break;
  }
  return (
    <div className={`connection connection--${kind}`} role="status" data-testid="connection-state" data-state={connection.kind}>
      <span className="connection__dot" aria-hidden="true" />
      {label}
    </div>
  );
}

/** Visible while the console is far behind the hub's log: after a restart, a reset or a cache rebuild. */
const CATCH_UP_SHOWN_FROM = 2000;

export function CatchUp(props: { readonly snapshot: LiveSnapshot }) {
  const { t } = useTranslation();
  const { hello, through } = props.snapshot;
  if (hello === undefined || hello.headSeq - through < CATCH_UP_SHOWN_FROM) return null;
  const total = hello.headSeq;
  const done = Math.min(through, total);
  return (
    <div className="catch-up" data-testid="catch-up">
      <label htmlFor="catch-up-progress">{t('connection.catchUp', { done: formatCount(done), total: formatCount(total) })}</label>
      <progress id="catch-up-progress" max={total} value={done} />
    </div>
  );
}
