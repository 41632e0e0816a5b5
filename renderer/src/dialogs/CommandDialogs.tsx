import { ESCALATION_LEVEL_NAMES, OUTCOMES, isSupervisor, type Alert, type EscalationLevel, type Officer, type Outcome } from '@watchfloor/shared';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog';

export function EscalateDialog(props: { readonly alert: Alert; readonly onSubmit: (level: EscalationLevel, reason: string) => void; readonly onClose: () => void }) {
  const { t } = useTranslation();
  const levels = ([1, 2, 3] as const).filter((level) => level > props.alert.level);
  const [level, setLevel] = useState<EscalationLevel>(levels[0] ?? 3);
  const [reason, setReason] = useState('');
  return (
    <Dialog
      title={t('escalate.title')}
      submitLabel={t('escalate.submit')}
      canSubmit={levels.length > 0 && reason.trim().length > 0}
      onSubmit={() => props.onSubmit(level, reason.trim())}
      onClose={props.onClose}
      testId="escalate-dialog"
    >
      <fieldset className="choices">
        <legend>{t('escalate.level')}</legend>
        {levels.map((option, index) => (
          <label key={option} className="choice">
            <input type="radio" name="level" value={option} checked={level === option} onChange={() => setLevel(option)} autoFocus={index === 0} />
            <span>
              L{option} · {ESCALATION_LEVEL_NAMES[option]}
            </span>
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{t('escalate.reason')}</span>
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={500} required placeholder={t('escalate.placeholder')} />
      </label>
      <p className="hint">{t('dialog.submitHint')}</p>
    </Dialog>
  );
}

export function ResolveDialog(props: { readonly officer: Officer; readonly onSubmit: (outcome: Outcome) => void; readonly onClose: () => void }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome>('false-positive');
  return (
    <Dialog title={t('resolve.title')} submitLabel={t('resolve.submit')} onSubmit={() => props.onSubmit(outcome)} onClose={props.onClose} testId="resolve-dialog">
      <fieldset className="choices">
        <legend>{t('resolve.outcome')}</legend>
        {OUTCOMES.map((option, index) => (
          <label key={option} className="choice">
            <input type="radio" name="outcome" value={option} checked={outcome === option} onChange={() => setOutcome(option)} autoFocus={index === 0} />
            <span>{t(`outcomes.${option}`)}</span>
          </label>
        ))}
      </fieldset>
      {outcome === 'confirmed' && !isSupervisor(props.officer) && <p className="hint">{t('resolve.needsConfirmation')}</p>}
    </Dialog>
  );
}

export function NoteDialog(props: { readonly onSubmit: (text: string) => void; readonly onClose: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  return (
    <Dialog
      title={t('note.title')}
      submitLabel={t('note.submit')}
      canSubmit={text.trim().length > 0}
      onSubmit={() => props.onSubmit(text.trim())}
      onClose={props.onClose}
      testId="note-dialog"
    >
      <label className="field">
        <span>{t('note.text')}</span>
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={4} maxLength={2000} autoFocus required />
      </label>
      <p className="hint">{t('dialog.submitHint')}</p>
    </Dialog>
  );
}

export const SHORTCUTS: readonly (readonly [string, string])[] = [
  ['j / ↓', 'shortcuts.next'],
  ['k / ↑', 'shortcuts.previous'],
  ['Enter', 'shortcuts.open'],
  ['a', 'shortcuts.acknowledge'],
  ['e', 'shortcuts.escalate'],
  ['r', 'shortcuts.resolve'],
  ['n', 'shortcuts.note'],
  ['x', 'shortcuts.check'],
  ['Shift + A', 'shortcuts.bulk'],
  ['m', 'shortcuts.mine'],
  ['/', 'shortcuts.search'],
  ['Esc', 'shortcuts.close'],
  ['?', 'shortcuts.help'],
];

/** The console's keys; `children` adds the sections of other parts of the screen (the timeline's). */
export function ShortcutsDialog(props: { readonly onClose: () => void; readonly children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('shortcuts.title')} onClose={props.onClose} testId="shortcuts-dialog">
      <table className="shortcuts">
        <tbody>
          {SHORTCUTS.map(([keys, label]) => (
            <tr key={label}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{t(label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.children}
    </Dialog>
  );
}
