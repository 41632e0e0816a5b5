import { NOTE_MAX_LENGTH, OUTCOMES, isSupervisor, type Alert, type EscalationLevel, type Officer, type Outcome } from '@watchfloor/shared';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SeverityBadge } from '../live/labels';
import { Dialog } from './Dialog';
import { needsResolveConfirmation, resolveReady } from './resolve-steps';

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
            <span>{t('escalationLevel.option', { level: option, name: t(`escalationLevel.name.${option}`) })}</span>
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

/**
 * Resolving: no outcome is chosen for the officer, the outcomes are one radio group (arrow keys move focus
 * and choice together), a closing comment is asked for, and a weighty dismissal (`needsResolveConfirmation`)
 * is stated in full and confirmed before it is sent.
 */
export function ResolveDialog(props: {
  readonly alert: Alert;
  readonly officer: Officer;
  readonly checkpointName: string;
  readonly onSubmit: (outcome: Outcome, comment: string) => void;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const [comment, setComment] = useState('');
  const [confirming, setConfirming] = useState(false);
  const ready = resolveReady(outcome, comment);
  const submit = () => {
    if (!resolveReady(outcome, comment)) return;
    if (!confirming && needsResolveConfirmation(props.alert.hit.severity, outcome)) setConfirming(true);
    else props.onSubmit(outcome, comment.trim());
  };
  if (confirming && outcome !== undefined) {
    const values = {
      severity: t(`map.severity.${props.alert.hit.severity}`),
      outcome: t(`outcomes.${outcome}`),
      source: t(`map.source.${props.alert.hit.source}`),
      checkpoint: props.checkpointName,
    };
    return (
      <Dialog
        title={t('resolve.confirmTitle', values)}
        submitLabel={t('resolve.confirmSubmit', values)}
        cancelLabel={t('resolve.back')}
        onSubmit={submit}
        onClose={() => setConfirming(false)}
        testId="resolve-dialog"
      >
        <FocusedOnShow className="confirm-step" testId="resolve-confirm">
          <p className="confirm-step__what">{t('resolve.confirmWhat', values)}</p>
          <p className="confirm-step__alert">
            <SeverityBadge severity={props.alert.hit.severity} /> {props.alert.hit.summary}{' '}
            <span className="mono">({props.alert.id.slice(0, 16)})</span>
          </p>
          <p className="confirm-step__effect">{t(`resolve.effect.${outcome}`)}</p>
          <p className="confirm-step__comment">{t('resolve.confirmComment', { comment: comment.trim() })}</p>
        </FocusedOnShow>
        <p className="hint">{t('resolve.confirmHint')}</p>
      </Dialog>
    );
  }
  return (
    <Dialog title={t('resolve.title')} submitLabel={t('resolve.submit')} canSubmit={ready} onSubmit={submit} onClose={props.onClose} testId="resolve-dialog">
      <p className="resolve__alert">
        <SeverityBadge severity={props.alert.hit.severity} /> {props.checkpointName} · {t(`map.source.${props.alert.hit.source}`)}
      </p>
      <fieldset className="choices" role="radiogroup" aria-required="true">
        <legend>{t('resolve.outcome')}</legend>
        {OUTCOMES.map((option, index) => (
          <label key={option} className="choice">
            <input
              type="radio"
              name="outcome"
              value={option}
              checked={outcome === option}
              onChange={() => setOutcome(option)}
              autoFocus={outcome === undefined ? index === 0 : outcome === option}
            />
            <span>{t(`outcomes.${option}`)}</span>
          </label>
        ))}
      </fieldset>
      {outcome === 'confirmed' && !isSupervisor(props.officer) && <p className="hint">{t('resolve.needsConfirmation')}</p>}
      <label className="field">
        <span>{t('resolve.comment')}</span>
        <textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={3} maxLength={NOTE_MAX_LENGTH} required placeholder={t('resolve.commentPlaceholder')} />
      </label>
      <p className="hint" data-testid="resolve-hint">
        {ready ? t('dialog.submitHint') : t('resolve.incomplete')}
      </p>
    </Dialog>
  );
}

/** A block that takes focus when it appears, so it is read first and a key pressed then lands on no button. */
function FocusedOnShow(props: { readonly className: string; readonly testId: string; readonly children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} className={props.className} data-testid={props.testId} tabIndex={-1}>
      {props.children}
    </div>
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

/** The console's keys and the officer's switch for single-key shortcuts (WCAG 2.1.4); `children` adds the sections of
 * other parts of the screen (the timeline's). */
export function ShortcutsDialog(props: {
  readonly onClose: () => void;
  readonly singleKeysOn: boolean;
  readonly onSingleKeys: (on: boolean) => void;
  readonly children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('shortcuts.title')} onClose={props.onClose} testId="shortcuts-dialog">
      <p className="hint">{t('shortcuts.where')}</p>
      <label className="checkbox">
        <input type="checkbox" checked={props.singleKeysOn} onChange={(event) => props.onSingleKeys(event.target.checked)} autoFocus />
        {t('shortcuts.singleKeys')}
      </label>
      <p className="hint">{t('shortcuts.singleKeysHint')}</p>
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
