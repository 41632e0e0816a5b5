import type { Officer, SessionEndReason } from '@watchfloor/shared';
import { keepRenewed, renewSession, signOutSession, type Renewal } from '../data/session-renewal';

/**
 * The session of an officer who only reviews the audit trail (an auditor): a token kept renewed while they
 * use the console, and sign-out. No socket, no data plane, no local cache: nothing of the operational
 * picture is fetched or stored for them.
 */
export interface ReviewSession {
  readonly officer: Officer;
  readonly hubUrl: string;
  /** The current token (renewed as it goes). */
  token(): string;
  signOut(): Promise<void>;
  close(): void;
}

export interface ReviewSessionOptions {
  readonly expiresAt?: number;
  readonly active: () => boolean;
  readonly onRenewed: (token: string, expiresAt: number) => void;
  /** The hub refused to renew: the session is over for this reason. */
  readonly onEnded: (reason: SessionEndReason) => void;
}

export function startReviewSession(hubUrl: string, firstToken: string, officer: Officer, options: ReviewSessionOptions): ReviewSession {
  let token = firstToken;
  let closed = false;

  async function renew(): Promise<number | undefined | 'retry'> {
    const outcome = await renewSession(hubUrl, token);
    if (closed) return undefined;
    if (outcome.ok) {
      token = outcome.session.token;
      options.onRenewed(token, outcome.session.expiresAt);
      return outcome.session.expiresAt;
    }
    if (outcome.reason === 'unreachable') return 'retry';
    options.onEnded(outcome.reason);
    return undefined;
  }

  const renewal: Renewal | undefined = options.expiresAt === undefined ? undefined : keepRenewed({ expiresAt: options.expiresAt, active: options.active, renew });

  function close(): void {
    closed = true;
    renewal?.stop();
  }

  return {
    officer,
    hubUrl,
    token: () => token,
    async signOut() {
      close();
      await signOutSession(hubUrl, token);
    },
    close,
  };
}
