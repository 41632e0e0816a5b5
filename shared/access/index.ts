/**
 * Who may do what, written once for the hub (which enforces it) and the console (which greys out, skips
 * and hides what the hub would refuse). `docs/protocol.md`, "Roles and country scope", says the same.
 *
 * - Roles and what each may do: the `ROLE_ACCESS` table (`capabilities.ts`). Observers (wall displays) do
 *   nothing but watch; duty officers act on alerts and reveal details; shift leads also supervise, replay
 *   and receive audit events; admins may everything, including changing operations and checkpoints;
 *   auditors (the bureau's data-protection officer) review the audit trail and take no operational action.
 * - Country scope (`scope.ts`): a scoped officer sees and acts only on what concerns their country: hits
 *   screened there or whose record their bureau owns, those alerts, operations the country takes part in,
 *   its own checkpoints.
 * - Which events reach whom (`visibility.ts`): everything within scope; audit events only to roles that
 *   read the audit trail.
 * - Revealing personal details (`details.ts`): a role that may, within scope; with a purpose from the
 *   bureau's list and a reason that means something (`reveal-purpose.ts`).
 * - Commands on an alert: `mayAct` and `authorize` in `alerts/authorize.ts`, built on the above.
 * - Whom an escalation is addressed to (`escalation-recipients.ts`).
 */
export * from './decision';
export * from './capabilities';
export * from './scope';
export * from './visibility';
export * from './details';
export * from './reveal-purpose';
export * from './escalation-recipients';
