import { SessionRefused, SessionResponse, type SessionEndReason } from '@watchfloor/shared';

/**
 * The console's side of the hub's session routes: renewal before the token lapses, while the officer is
 * active, and sign-out. A token is renewed when a third of its life (at most five minutes) is left; an
 * officer who was idle all that time is not renewed, so the hub ends the session at expiry and the console
 * asks for the password again.
 */
export type RenewOutcome =
  | { readonly ok: true; readonly session: SessionResponse }
  | { readonly ok: false; readonly reason: SessionEndReason }
  | { readonly ok: false; readonly reason: 'unreachable' };

function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}

export async function renewSession(hubUrl: string, token: string): Promise<RenewOutcome> {
  const response = await fetch(`${hubUrl}/api/v1/session/renew`, { method: 'POST', headers: bearer(token) }).catch(() => undefined);
  if (response === undefined) return { ok: false, reason: 'unreachable' };
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status === 401) {
    const refused = SessionRefused.safeParse(body);
    return { ok: false, reason: refused.success ? refused.data.reason : 'unknown' };
  }
  const session = SessionResponse.safeParse(body);
  return response.ok && session.success ? { ok: true, session: session.data } : { ok: false, reason: 'unreachable' };
}

/** Revokes the session on the hub; an unreachable hub is not waited for (the token lapses on its own). */
export async function signOutSession(hubUrl: string, token: string): Promise<void> {
  await fetch(`${hubUrl}/api/v1/session`, { method: 'DELETE', headers: bearer(token) }).catch(() => undefined);
}

const MAX_LEAD_MS = 5 * 60_000;
const RETRY_MS = 5000;

export interface Renewal {
  /** A token was given by other means (a new sign-in): renew that one from now on. */
  restart(expiresAt: number): void;
  stop(): void;
}

export interface RenewalOptions {
  readonly expiresAt: number;
  /** Whether the officer has used the console since the last renewal. */
  readonly active: () => boolean;
  /** Renews; the new expiry, `undefined` when the session is over, or `'retry'` when the hub was not reached. */
  readonly renew: () => Promise<number | undefined | 'retry'>;
  readonly now?: () => number;
}

export function keepRenewed(options: RenewalOptions): Renewal {
  const now = options.now ?? Date.now;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  function at(expiresAt: number, delayMs: number): void {
    clearTimeout(timer);
    if (stopped || now() >= expiresAt) return;
    timer = setTimeout(() => void attempt(expiresAt), Math.max(0, delayMs));
  }

  function schedule(expiresAt: number): void {
    const lead = Math.min(MAX_LEAD_MS, (expiresAt - now()) / 3);
    at(expiresAt, expiresAt - lead - now());
  }

  async function attempt(expiresAt: number): Promise<void> {
    if (stopped) return;
    const left = expiresAt - now();
    if (!options.active()) return at(expiresAt, Math.min(RETRY_MS, left / 4));
    const outcome = await options.renew();
    if (stopped || outcome === undefined) return;
    if (outcome === 'retry') return at(expiresAt, Math.min(RETRY_MS, left / 4));
    schedule(outcome);
  }

  schedule(options.expiresAt);
  return {
    restart: (expiresAt) => schedule(expiresAt),
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
