import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The top bar's alarm controls: the workstation's alarm sound on or off, and, in a browser that has not
 * been asked yet, the officer's own click to allow notifications (permission is never asked unprompted).
 */
export function AlarmControls(props: { readonly soundOn: boolean; readonly onSound: (on: boolean) => void; readonly offerNotifications: boolean }) {
  const { t } = useTranslation();
  const [permission, setPermission] = useState(() => (typeof Notification === 'undefined' ? 'denied' : Notification.permission));
  return (
    <>
      <button
        type="button"
        className="button button--small"
        aria-pressed={props.soundOn}
        onClick={() => props.onSound(!props.soundOn)}
        title={t('alarm.soundHint')}
        data-testid="alarm-sound"
      >
        {t(props.soundOn ? 'alarm.soundOn' : 'alarm.soundOff')}
      </button>
      {props.offerNotifications && permission === 'default' && (
        <button
          type="button"
          className="button button--small"
          onClick={() => void Notification.requestPermission().then(setPermission, () => undefined)}
          data-testid="allow-notifications"
        >
          {t('alarm.allowNotifications')}
        </button>
      )}
    </>
  );
}
