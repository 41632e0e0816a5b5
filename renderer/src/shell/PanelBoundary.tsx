import type { ReactNode } from 'react';
import { ErrorBoundary, type FallbackProps } from 'react-error-boundary';
import { useTranslation } from 'react-i18next';

/**
 * Keeps a failing part of the screen to itself: one panel that throws while rendering shows which panel
 * failed, the error's message and a "Reload panel" button that mounts it afresh, while the rest of the
 * console goes on. The failure is logged once, with the panel's name; the React root leaves caught errors
 * to this boundary (`ROOT_ERROR_OPTIONS`) so they are not logged twice.
 */
export type PanelName =
  | 'queue'
  | 'map'
  | 'detail'
  | 'status'
  | 'timeline'
  | 'topBar'
  | 'notices'
  | 'dialog'
  | 'console'
  | 'wall'
  | 'signIn'
  | 'recovered'
  | 'dataProtection';

/** Long enough for a message, short enough for a panel. */
const MESSAGE_MAX_CHARS = 300;

/** For `createRoot`: errors a boundary caught are logged by that boundary, with its panel's name. */
export const ROOT_ERROR_OPTIONS = { onCaughtError: () => undefined } as const;

export function PanelBoundary(props: {
  readonly panel: PanelName;
  /** When this changes (another alert selected, another dialog opened), a failed panel tries again by itself. */
  readonly retryOn?: unknown;
  readonly children: ReactNode;
}) {
  return (
    <ErrorBoundary
      resetKeys={[props.retryOn]}
      fallbackRender={(fallback) => <PanelFailure panel={props.panel} {...fallback} />}
      onError={(error, info) => console.error(`[watchfloor] the ${props.panel} panel failed: ${messageOf(error)}`, info.componentStack ?? '')}
    >
      {props.children}
    </ErrorBoundary>
  );
}

function PanelFailure(props: { readonly panel: PanelName } & FallbackProps) {
  const { t } = useTranslation();
  return (
    <div className="panel-failure" role="alert" data-testid={`panel-failure-${props.panel}`}>
      <p className="panel-failure__title">{t('panelFailure.title', { panel: t(`panels.${props.panel}`) })}</p>
      <p className="panel-failure__message">{messageOf(props.error)}</p>
      <p className="panel-failure__hint">{t('panelFailure.hint')}</p>
      <button type="button" className="button button--small" onClick={() => props.resetErrorBoundary()}>
        {t('panelFailure.reload')}
      </button>
    </div>
  );
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, MESSAGE_MAX_CHARS);
}
