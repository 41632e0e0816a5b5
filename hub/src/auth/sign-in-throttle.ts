import { createFailureBackoff, type BackoffPolicy, type FailureRecord } from './failure-backoff';

/**
 * How many wrong passwords the hub lets through, per account and per source address, before an attempt is
 * turned away without being checked. Kept in the memory of each hub node: a guess costs a hashing only
 * where it lands, so several nodes behind one address multiply an attacker's budget by the node count at
 * most, and a restart forgets the counts; in exchange no failed sign-in writes to the shared database.
 */

/**
 * Per account: five wrong passwords are free (typos), then the wait doubles from 1 s (1, 2, 4 … 512 s)
 * until it reaches the 15-minute lock, about 17 minutes and 15 failures in. A correct password clears it.
 */
export const ACCOUNT_POLICY: BackoffPolicy = {
  freeFailures: 5,
  firstDelayMs: 1000,
  lockMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
  maxKeys: 10_000,
};

/**
 * Per source address: a bureau's officers may share one (NAT, a proxy without --trust-proxy), so the free
 * allowance is higher; beyond it the same doubling to a 15-minute lock stops one address from trying a
 * password on many accounts. A correct password does not clear it: an attacker with one account of their
 * own could otherwise reset it at will.
 */
export const ADDRESS_POLICY: BackoffPolicy = {
  freeFailures: 30,
  firstDelayMs: 1000,
  lockMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
  maxKeys: 10_000,
};

export interface SignInAttempt {
  readonly username: string;
  readonly address: string;
}

export type SignInAdmission =
  | { readonly ok: true }
  | { readonly ok: false; readonly retryAfterMs: number; readonly limitedBy: 'account' | 'address' };

export interface SignInFailure {
  readonly account: FailureRecord;
  readonly address: FailureRecord;
}

export interface SignInThrottle {
  /** Whether this attempt may have its password checked; an admitted attempt must be settled once. */
  admit(attempt: SignInAttempt): SignInAdmission;
  succeeded(attempt: SignInAttempt): void;
  failed(attempt: SignInAttempt): SignInFailure;
  /** The attempt was admitted but its password could not be checked (the hub was too busy, or failed). */
  abandoned(attempt: SignInAttempt): void;
  /** Accounts and addresses held in memory. */
  size(): { readonly accounts: number; readonly addresses: number };
}

export function createSignInThrottle(
  policies: { readonly account: BackoffPolicy; readonly address: BackoffPolicy } = { account: ACCOUNT_POLICY, address: ADDRESS_POLICY },
  now?: () => number,
): SignInThrottle {
  const accounts = createFailureBackoff(policies.account, now);
  const addresses = createFailureBackoff(policies.address, now);
  return {
    admit({ username, address }) {
      const byAddress = addresses.admit(address);
      if (!byAddress.ok) return { ok: false, retryAfterMs: byAddress.retryAfterMs, limitedBy: 'address' };
      const byAccount = accounts.admit(username);
      if (!byAccount.ok) {
        addresses.abandoned(address);
        return { ok: false, retryAfterMs: byAccount.retryAfterMs, limitedBy: 'account' };
      }
      return { ok: true };
    },
    succeeded({ username, address }) {
      accounts.succeeded(username);
      addresses.abandoned(address);
    },
    failed({ username, address }) {
      return { account: accounts.failed(username), address: addresses.failed(address) };
    },
    abandoned({ username, address }) {
      accounts.abandoned(username);
      addresses.abandoned(address);
    },
    size: () => ({ accounts: accounts.size(), addresses: addresses.size() }),
  };
}
