import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A modal on the native <dialog>: focus moves in and is trapped, Escape cancels, focus returns to where it
 * was. Forms submit with Enter (Ctrl+Enter inside a text area); a held, repeating Enter does nothing.
 */
export function Dialog(props: {
  readonly title: string;
  readonly submitLabel?: string;
  /** What closing does, when that is more than going back (e.g. signing out); "Cancel" by default. */
  readonly cancelLabel?: string;
  readonly canSubmit?: boolean;
  readonly onSubmit?: () => void;
  readonly onClose: () => void;
  readonly testId: string;
  readonly children: ReactNode;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    const previous = document.activeElement as HTMLElement | null;
    dialog?.showModal();
    return () => {
      dialog?.close();
      previous?.focus?.();
    };
  }, []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (props.canSubmit !== false) props.onSubmit?.();
  };
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={`${props.testId}-title`}
      data-testid={props.testId}
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
    >
      <form
        method="dialog"
        onSubmit={submit}
        onKeyDown={(event) => {
          // A held key repeats: only a fresh press submits, so one press never also confirms the next step.
          if (event.key === 'Enter' && event.repeat) event.preventDefault();
          else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit(event);
        }}
      >
        <h2 id={`${props.testId}-title`} className="dialog__title">
          {props.title}
        </h2>
        <div className="dialog__body">{props.children}</div>
        <div className="dialog__actions">
          <button type="button" className="button" onClick={props.onClose}>
            {props.cancelLabel ?? t('dialog.cancel')}
          </button>
          {props.onSubmit && (
            <button type="submit" className="button button--primary" disabled={props.canSubmit === false}>
              {props.submitLabel}
            </button>
          )}
        </div>
      </form>
    </dialog>
  );
}
