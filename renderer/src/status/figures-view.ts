import { NO_FIGURES, withAlert, type Alert, type OperationFigures } from '@watchfloor/shared';
import type { AlertView } from '../data/alert-view-sync';

/**
 * The operation's figures (shared `operationFigures`) kept up to date alert by alert as the picture
 * changes (see `AlertView`), so the status panel counts from the very alerts the queue shows.
 */
export interface FiguresView extends AlertView {
  /** A new object whenever a figure changed, so React can tell. */
  figures(): OperationFigures;
}

export function countFigures(alerts: Iterable<Alert>, operationId: string | undefined): FiguresView {
  const ours = (alert: Alert | undefined): alert is Alert => alert !== undefined && (operationId === undefined || alert.hit.operationId === operationId);
  let figures = NO_FIGURES;
  for (const alert of alerts) if (ours(alert)) figures = withAlert(figures, alert, 1);
  return {
    figures: () => figures,
    update(before, after) {
      if (before === after) return;
      if (ours(before)) figures = withAlert(figures, before, -1);
      if (ours(after)) figures = withAlert(figures, after, 1);
    },
  };
}
