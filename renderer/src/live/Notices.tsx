import { useTranslation } from 'react-i18next';
import type { LiveSnapshot } from '../data/live-store';
import { useSession } from './hooks';

/** What the officer must know about this console itself (its local cache, a rebuild), one line each. */
export function Notices(props: { readonly snapshot: LiveSnapshot }) {
  const { t } = useTranslation();
  const session = useSession();
  if (props.snapshot.notices.length === 0) return <div className="notices notices--empty" />;
  return (
    <div className="notices" data-testid="notices">
      {props.snapshot.notices.map((notice) => (
        <p key={notice.id} className={`banner banner--${notice.tone === 'warning' ? 'refusal' : 'info'}`} role={notice.tone === 'warning' ? 'alert' : 'status'}>
          {t(`notices.${notice.key}`, notice.values)}{' '}
          <button type="button" className="link-button" onClick={() => session.store.dismissNotice(notice.id)}>
            {t('notices.dismiss')}
          </button>
        </p>
      ))}
    </div>
  );
}
