import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Shown once after the desktop shell reloaded a crashed console (`takeRecoveredFlag`), so the officer knows
 * why the screen blinked and that nothing was lost.
 */
export function CrashRecoveredNotice(props: { readonly recovered: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(props.recovered);
  if (!open) return null;
  return (
    <div role="status" className="crash-recovered-notice">
      <p>
        {t(
          'desktop.recovered',
          'The console stopped unexpectedly and was restarted. Alerts are kept on the hub and in the local cache; check that your last action was applied.',
        )}
      </p>
      <button type="button" onClick={() => setOpen(false)}>
        {t('desktop.dismiss', 'Dismiss')}
      </button>
    </div>
  );
}
