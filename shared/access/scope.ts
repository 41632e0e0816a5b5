import type { Checkpoint, Hit, Officer, Operation } from '../domain/model';
import type { Alert } from '../alerts/lifecycle';
import { allowed, forbidden, type Decision, type Forbidden } from './decision';

/**
 * Country scope: a bureau officer (one with a `scope`) sees and acts only on what concerns their country.
 * A hit concerns a country when it was screened there or when that country's bureau owns the matched
 * record; an alert concerns what its hit concerns. Officers without a scope see every country.
 */
export function hitConcernsCountry(hit: Hit, country: string): boolean {
  return hit.country === country || hit.recordOwner === country;
}

export function concernsCountry(alert: Alert, country: string): boolean {
  return hitConcernsCountry(alert.hit, country);
}

export function withinScope(officer: Officer, alert: Alert): boolean {
  return officer.scope === undefined || concernsCountry(alert, officer.scope);
}

export function hitWithinScope(officer: Officer, hit: Hit): boolean {
  return officer.scope === undefined || hitConcernsCountry(hit, officer.scope);
}

/** An operation is within scope when the officer's country takes part in it. */
export function operationWithinScope(officer: Officer, operation: Operation): boolean {
  return officer.scope === undefined || operation.countries.includes(officer.scope);
}

export function checkpointWithinScope(officer: Officer, checkpoint: Checkpoint): boolean {
  return officer.scope === undefined || checkpoint.country === officer.scope;
}

/** Allowed within scope; otherwise `forbidden`, naming the officer's scope. */
export function requireScope(officer: Officer, alert: Alert): Decision<Forbidden> {
  if (withinScope(officer, alert)) return allowed;
  return forbidden('out-of-scope', { scope: officer.scope! });
}
