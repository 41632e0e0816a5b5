import { ROLE_CALLED } from '@watchfloor/shared';
import { DEMO_USERS } from './auth/officers';

/**
 * The one-line messages a hub's start prints for people: the demo users (read from `DEMO_USERS`, so the
 * banner names every one of them), and a port that is already taken.
 */

/** `duty/duty (duty officer), …, abuja/abuja (duty officer, NG), …`. */
export function demoUsersLine(): string {
  return DEMO_USERS.map((user) => `${user.username}/${user.password} (${ROLE_CALLED[user.role].replace(/^an? /, '')}${user.scope === undefined ? '' : `, ${user.scope}`})`).join(', ');
}

/**
 * What to say when listening failed because the port is taken; undefined for any other failure.
 * `choose` says how to pick another port ("--port N").
 */
export function busyPortMessage(error: unknown, port: number, choose: string): string | undefined {
  if ((error as { code?: unknown } | undefined)?.code !== 'EADDRINUSE') return undefined;
  return `port ${port} is already in use (another Watchfloor hub or console, or another program); stop it or choose another port with ${choose}.`;
}
