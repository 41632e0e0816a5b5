import type { AppInfo } from '@watchfloor/shared';
import { useTranslation } from 'react-i18next';
import { Clock } from './Clock';
import { EmptyState, Panel } from './Panel';

/** The desk console's frame: top bar, then queue, map, detail and status panels. */
export function Shell(props: { readonly appInfo: AppInfo }) {
  const { t } = useTranslation();
  return (
    <div className="shell">
      <header className="topbar">
        <div className="topbar__brand">
          <span className="topbar__mark" aria-hidden="true" />
          <span className="topbar__name">{t('app.name')}</span>
          <span className="topbar__tagline">{t('app.tagline')}</span>
        </div>
        <div className="topbar__operation">{t('operation.none')}</div>
        <div className="connection connection--idle" role="status" data-testid="connection-state">
          <span className="connection__dot" aria-hidden="true" />
          {t('connection.notConnected')}
        </div>
        <Clock />
        <div className="topbar__runtime">
          {props.appInfo.desktop ? t('desktop.desktop', { version: props.appInfo.version }) : t('desktop.web')}
        </div>
      </header>
      <main className="workspace">
        <Panel id="queue" title={t('panels.queue')}>
          <EmptyState>{t('empty.queue')}</EmptyState>
        </Panel>
        <Panel id="map" title={t('panels.map')}>
          <EmptyState>{t('empty.map')}</EmptyState>
        </Panel>
        <Panel id="detail" title={t('panels.detail')}>
          <EmptyState>{t('empty.detail')}</EmptyState>
        </Panel>
        <Panel id="status" title={t('panels.status')}>
          <EmptyState>{t('empty.status')}</EmptyState>
        </Panel>
      </main>
    </div>
  );
}
