import type { Officer, Role } from '../domain/model';
import type { RefusedDoing } from '../protocol/refusals';
import { allowed, forbidden, type Decision, type Forbidden } from './decision';

/**
 * What each role may do, written once as data. Adding a role to `ROLES` is a compile error here until its
 * row says what it may do; every check in the hub and the console reads this table.
 */
export const CAPABILITIES = [
  /** Receive the operation picture: the live stream, its snapshot and history (the `/ops` socket). */
  'watch-operation',
  /** Acknowledge and note alerts, and escalate or resolve those the officer holds. */
  'act',
  /** Handle alerts others hold, assign them, confirm "confirmed" resolutions, see who is on duty, and
   * receive level-1 escalations (level 2 too when scoped to the record-owner country). Needs `act`. */
  'supervise',
  /** Step back through an operation's timeline in the console. */
  'replay',
  /** Reveal a hit's personal details, giving a reason that lands in the audit trail. */
  'reveal-details',
  /** Receive audit events (who revealed a hit's details) in the live stream, within the officer's country scope. */
  'see-audit',
  /** Review the bureau's whole hash-chained audit trail (the data-protection view): filter it, check the
   * chain, export it. Bureau-wide, so only an officer without a country scope may (`mayReviewAuditTrail`). */
  'review-audit-trail',
  /** Change operations and checkpoints, and be told of log rows the hub set aside. */
  'administer',
  /** Stand as the operation commander: level-3 escalations reach them. */
  'command-operation',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export interface RoleAccess {
  readonly may: readonly Capability[];
}

export const ROLE_ACCESS: { readonly [R in Role]: RoleAccess } = {
  observer: { may: ['watch-operation'] },
  'duty-officer': { may: ['watch-operation', 'act', 'reveal-details'] },
  'shift-lead': { may: ['watch-operation', 'act', 'supervise', 'replay', 'reveal-details', 'see-audit'] },
  admin: { may: [...CAPABILITIES] },
  /** The bureau's data-protection officer: reviews the trail, takes no operational action. */
  auditor: { may: ['review-audit-trail'] },
};

export function hasCapability(officer: Officer, capability: Capability): boolean {
  return ROLE_ACCESS[officer.role].may.includes(capability);
}

/** The roles that have `capability`, in the order of `ROLE_ACCESS`. */
export function rolesWith(capability: Capability): readonly Role[] {
  return (Object.keys(ROLE_ACCESS) as Role[]).filter((role) => ROLE_ACCESS[role].may.includes(capability));
}

/**
 * Allowed when the officer's role has `capability`; otherwise `forbidden` (`role-cannot`), naming the roles
 * that have it. `doing` names a narrower action than the capability's own.
 */
export function requireCapability(officer: Officer, capability: Capability, doing: RefusedDoing = capability): Decision<Forbidden> {
  if (hasCapability(officer, capability)) return allowed;
  return forbidden('role-cannot', { doing, roles: rolesWith(capability) });
}

export function mayActOnAlerts(officer: Officer): boolean {
  return hasCapability(officer, 'act');
}

export function isSupervisor(officer: Officer): boolean {
  return hasCapability(officer, 'supervise');
}

export function mayReplay(officer: Officer): boolean {
  return hasCapability(officer, 'replay');
}

export function maySeeAudit(officer: Officer): boolean {
  return hasCapability(officer, 'see-audit');
}

/**
 * Reading, verifying and exporting the audit trail (the `/api/v1/audit` routes, the data-protection view).
 * The trail is the bureau's: most records (sign-ins, refusals, admin changes) belong to no country, and a
 * trail with records left out cannot be checked as a chain, so an officer with a country scope is refused
 * rather than shown a part of it.
 */
export function mayReviewAuditTrail(officer: Officer): Decision<Forbidden> {
  const byRole = requireCapability(officer, 'review-audit-trail');
  if (!byRole.ok) return byRole;
  if (officer.scope !== undefined) return forbidden('audit-trail-bureau-wide', {});
  return allowed;
}

/** Changing operations and checkpoints (the admin HTTP routes). */
export function mayAdminister(officer: Officer): Decision<Forbidden> {
  return requireCapability(officer, 'administer');
}
