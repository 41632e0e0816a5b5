import { useTranslation } from 'react-i18next';
import type { LiveSnapshot } from '../data/live-store';
import { formatCount } from '../i18n/format';

/**
 * While the picture comes in page by page, from the hub's snapshot or from the local cache: how many of its
 * alerts are in. The queue and map work from the first page on; this says more is coming. A status region,
 * so a screen reader reads it politely.
 */
export function PictureProgress(props: { readonly loading: NonNullable<LiveSnapshot['loading']> }) {
  const { t } = useTranslation();
  const { received, total } = props.loading;
  const label =
    total === undefined
      ? t('connection.loadingPictureCounting', { received: formatCount(received) })
      : t('connection.loadingPicture', { received: formatCount(received), total: formatCount(total) });
  return (
    <div className="catch-up" role="status" data-testid="picture-progress">
      <span id="picture-progress-label">{label}</span>
      {total === undefined ? (
        <progress aria-labelledby="picture-progress-label" />
      ) : (
        <progress aria-labelledby="picture-progress-label" max={Math.max(1, total)} value={Math.min(received, total)} />
      )}
    </div>
  );
}
