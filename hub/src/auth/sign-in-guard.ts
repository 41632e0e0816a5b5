import type { Officer } from '@watchfloor/shared';
import type { Logger } from 'pino';
import type { HashingQueue } from './hashing-queue';
import type { SignInThrottle } from './sign-in-throttle';

/**
 * Stands before the password check of a sign-in: an attempt the throttle turns away is answered before any
 * password is hashed, so guessing costs the hub a map lookup; an admitted attempt is checked when the
 * hashing queue gives its address a turn; the outcome is settled with the throttle and every wrong
 * password is logged with the address it came from.
 */
export type SignInVerdict =
  | { readonly kind: 'signed-in'; readonly officer: Officer }
  | { readonly kind: 'refused' }
  | { readonly kind: 'rate-limited'; readonly retryAfterMs: number };

export interface SignInGuard {
  /** `check` verifies the password (hashing); it runs only when the attempt is admitted. */
  attempt(username: string, address: string, check: () => Promise<Officer | undefined>): Promise<SignInVerdict>;
}

export function createSignInGuard(deps: { readonly throttle: SignInThrottle; readonly hashing: HashingQueue; readonly log: Logger }): SignInGuard {
  const { throttle, hashing, log } = deps;
  return {
    async attempt(username, address, check) {
      const attempt = { username, address };
      const admission = throttle.admit(attempt);
      if (!admission.ok) {
        log.debug({ username, address, limitedBy: admission.limitedBy, retryAfterMs: admission.retryAfterMs }, 'sign-in throttled');
        return { kind: 'rate-limited', retryAfterMs: admission.retryAfterMs };
      }
      const checked = await hashing.run(address, check).catch((error: unknown) => {
        throttle.abandoned(attempt);
        throw error;
      });
      if (!checked.ok) {
        throttle.abandoned(attempt);
        log.warn({ username, address }, 'sign-in turned away: too many attempts waiting to be checked');
        return { kind: 'rate-limited', retryAfterMs: checked.retryAfterMs };
      }
      if (checked.value === undefined) {
        const { account, address: byAddress } = throttle.failed(attempt);
        log.warn(
          {
            username,
            address,
            accountFailures: account.failures,
            addressFailures: byAddress.failures,
            ...(account.delayMs > 0 ? { accountWaitMs: account.delayMs } : {}),
            ...(byAddress.delayMs > 0 ? { addressWaitMs: byAddress.delayMs } : {}),
            ...(account.locked || byAddress.locked ? { locked: true } : {}),
          },
          'sign-in refused',
        );
        return { kind: 'refused' };
      }
      throttle.succeeded(attempt);
      return { kind: 'signed-in', officer: checked.value };
    },
  };
}
