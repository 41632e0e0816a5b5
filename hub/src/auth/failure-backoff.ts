/**
 * Failed attempts counted per key (an account, a source address), with a wait that doubles after each
 * failure beyond a free allowance, up to a lock. Attempts are admitted before they are checked and settled
 * after, so attempts in flight count against the allowance: a burst cannot slip past it. Memory is bounded:
 * a key is forgotten a while after its last failure, and the least recently used key goes first when full.
 */
export interface BackoffPolicy {
  /** Failures that cost nothing; the next failure starts the wait. */
  readonly freeFailures: number;
  /** The wait after the first failure beyond the free ones; each further failure doubles it. */
  readonly firstDelayMs: number;
  /** The longest wait: reaching it locks the key for this long after each failure. */
  readonly lockMs: number;
  /** A key with no failure for this long is forgotten (its count starts again at zero). */
  readonly forgetAfterMs: number;
  /** Keys kept at most; beyond it the least recently used is forgotten. */
  readonly maxKeys: number;
}

export type BackoffAdmission = { readonly ok: true } | { readonly ok: false; readonly retryAfterMs: number };

export interface FailureRecord {
  readonly failures: number;
  /** Milliseconds to wait after this failure before the key may try again (0 while free). */
  readonly delayMs: number;
  readonly locked: boolean;
}

export interface FailureBackoff {
  /** Whether `key` may try now; an admitted attempt must be settled with `succeeded` or `failed`. */
  admit(key: string): BackoffAdmission;
  /** Clears the key's failures. */
  succeeded(key: string): void;
  failed(key: string): FailureRecord;
  /** Ends an admitted attempt that was neither (e.g. it could not be checked). */
  abandoned(key: string): void;
  /** Keys held now: for the memory bound. */
  size(): number;
}

interface Entry {
  failures: number;
  inFlight: number;
  notBefore: number;
  lastFailureAt: number;
}

/** Retry hint while another attempt on the same key is being checked. */
const IN_FLIGHT_RETRY_MS = 1000;

/** `now`: milliseconds on a clock that never goes back. */
export function createFailureBackoff(policy: BackoffPolicy, now: () => number = () => performance.now()): FailureBackoff {
  const entries = new Map<string, Entry>();

  const expired = (entry: Entry, at: number) => entry.inFlight === 0 && at - entry.lastFailureAt >= policy.forgetAfterMs;

  function lookup(key: string, at: number): Entry | undefined {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    entries.delete(key);
    if (expired(entry, at)) return undefined;
    // Re-inserted so the map's order is least recently used first.
    entries.set(key, entry);
    return entry;
  }

  function create(key: string, at: number): Entry {
    while (entries.size >= policy.maxKeys) {
      const oldest = entries.keys().next().value as string;
      entries.delete(oldest);
    }
    const entry: Entry = { failures: 0, inFlight: 0, notBefore: 0, lastFailureAt: at };
    entries.set(key, entry);
    return entry;
  }

  function release(entry: Entry | undefined, key: string, at: number): void {
    if (entry === undefined) return;
    entry.inFlight = Math.max(0, entry.inFlight - 1);
    if (entry.failures === 0 && entry.inFlight === 0) entries.delete(key);
    else if (expired(entry, at)) entries.delete(key);
  }

  return {
    admit(key) {
      const at = now();
      const entry = lookup(key, at) ?? create(key, at);
      if (at < entry.notBefore) return { ok: false, retryAfterMs: Math.ceil(entry.notBefore - at) };
      if (entry.failures + entry.inFlight >= policy.freeFailures && entry.inFlight > 0) {
        return { ok: false, retryAfterMs: IN_FLIGHT_RETRY_MS };
      }
      entry.inFlight += 1;
      return { ok: true };
    },
    succeeded(key) {
      entries.delete(key);
    },
    failed(key) {
      const at = now();
      const entry = lookup(key, at) ?? create(key, at);
      entry.inFlight = Math.max(0, entry.inFlight - 1);
      entry.failures += 1;
      entry.lastFailureAt = at;
      const beyond = entry.failures - policy.freeFailures;
      const delayMs = beyond < 0 ? 0 : Math.min(policy.lockMs, policy.firstDelayMs * 2 ** beyond);
      entry.notBefore = at + delayMs;
      return { failures: entry.failures, delayMs, locked: delayMs === policy.lockMs };
    },
    abandoned(key) {
      const at = now();
      release(lookup(key, at), key, at);
    },
    size: () => entries.size,
  };
}
