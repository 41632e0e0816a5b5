import type { Officer } from '../domain/model';
import type { Command } from '../protocol/commands';
import type { AlertEvent } from '../protocol/events';
import { decideCommand } from './authorize';
import { reduceAlert, type Alert } from './lifecycle';

/**
 * What an alert will look like once the hub accepts a command, shown at once and marked pending until the
 * hub's event arrives. The same rules as the hub (`decideCommand`, `reduceAlert`) decide it, so the console
 * never shows an outcome the hub could not produce; undefined when the command would be refused here, or
 * needs facts only the hub has (the officer an `assign` names).
 *
 * The history entry gets seq 0: it is not in the log yet.
 */
export const UNCONFIRMED_SEQ = 0;

export function optimisticAlert(officer: Officer, command: Command, alert: Alert, at: number): Alert | undefined {
  if (command.type === 'assign') return undefined;
  const decision = decideCommand(officer, command, alert);
  if (!decision.ok) return undefined;
  const event = { ...decision.event, seq: UNCONFIRMED_SEQ, at } as AlertEvent;
  const next = reduceAlert(alert, event);
  return next.ok ? next.alert : undefined;
}
