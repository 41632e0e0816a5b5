import type { DoNotDisturbStatus, WatchfloorBridge } from '@watchfloor/shared';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DO_NOT_DISTURB_CHOICES, doNotDisturbLabel } from './do-not-disturb';

/**
 * "Do not disturb for N minutes" for the desk console: silences native notifications and taskbar attention
 * (the tray count and the window keep showing alerts). Keyboard: a native select.
 */
export function DoNotDisturbControl(props: {
  readonly bridge: Pick<WatchfloorBridge, 'doNotDisturb' | 'setDoNotDisturb'>;
  readonly timeZone: string;
  /** Called with the current state and after every change (the console tells the hub for shift leads). */
  readonly onChange?: (status: DoNotDisturbStatus) => void;
}) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<DoNotDisturbStatus>({ active: false });
  useEffect(() => {
    let current = true;
    void props.bridge.doNotDisturb().then((next) => {
      if (!current) return;
      setStatus(next);
      props.onChange?.(next);
    });
    return () => {
      current = false;
    };
  }, [props.bridge]);
  return (
    <label className="do-not-disturb">
      <span>{doNotDisturbLabel(status, props.timeZone, t)}</span>
      <select
        aria-label={t('desktop.doNotDisturb', 'Do not disturb')}
        value=""
        onChange={(event) =>
          void props.bridge.setDoNotDisturb(Number(event.target.value)).then((next) => {
            setStatus(next);
            props.onChange?.(next);
          })
        }
      >
        <option value="" disabled>
          {t('desktop.doNotDisturbChoose', 'Do not disturb for…')}
        </option>
        {DO_NOT_DISTURB_CHOICES.map((minutes) => (
          <option key={minutes} value={minutes}>
            {minutes === 0 ? t('desktop.doNotDisturbOff', 'Turn off') : t('desktop.minutes', '{{count}} minutes', { count: minutes })}
          </option>
        ))}
      </select>
    </label>
  );
}
