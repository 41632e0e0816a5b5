import { isOpen, isUnacknowledged, type Alert } from '../alerts/lifecycle';

/**
 * The operation's figures as counted from alerts, one rule for the hub's published counters and every
 * console figure: a hit is an alert raised in the operation; an arrest, a hit resolved as confirmed; a
 * seized document, an arrest on a stolen or lost travel document (SLTD) hit. Counted over the alerts a
 * reader holds, the figures are scoped as those alerts are, and agree with a queue built from them.
 */
export interface OperationFigures {
  readonly hits: number;
  readonly open: number;
  readonly critical: number;
  readonly unacknowledged: number;
  readonly arrests: number;
  readonly documentsSeized: number;
}

export const NO_FIGURES: OperationFigures = { hits: 0, open: 0, critical: 0, unacknowledged: 0, arrests: 0, documentsSeized: 0 };

export function isArrest(alert: Alert): boolean {
  return alert.status === 'resolved' && alert.outcome === 'confirmed';
}

export function isSeizedDocument(alert: Alert): boolean {
  return isArrest(alert) && alert.hit.source === 'sltd';
}

/** `figures` with one alert added (`sign` 1) or taken away (-1). */
export function withAlert(figures: OperationFigures, alert: Alert, sign: 1 | -1): OperationFigures {
  const open = isOpen(alert);
  return {
    hits: figures.hits + sign,
    open: figures.open + (open ? sign : 0),
    critical: figures.critical + (open && alert.hit.severity === 'critical' ? sign : 0),
    unacknowledged: figures.unacknowledged + (isUnacknowledged(alert) ? sign : 0),
    arrests: figures.arrests + (isArrest(alert) ? sign : 0),
    documentsSeized: figures.documentsSeized + (isSeizedDocument(alert) ? sign : 0),
  };
}

/** The figures of the alerts of one operation (of every alert given when `operationId` is undefined). */
export function operationFigures(alerts: Iterable<Alert>, operationId: string | undefined): OperationFigures {
  let figures = NO_FIGURES;
  for (const alert of alerts) if (operationId === undefined || alert.hit.operationId === operationId) figures = withAlert(figures, alert, 1);
  return figures;
}
