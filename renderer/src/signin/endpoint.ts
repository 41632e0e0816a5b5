import { HealthResponse, PROTOCOL_VERSION, RetentionDays, Role, SessionResponse, spokenLanguage, type LanguageCode, type Officer } from '@watchfloor/shared';
import { z } from 'zod';
import { desktopBridge } from '../platform';

/**
 * Where the hub is, and signing in to it. In the desktop app the shell says (embedded demo hub or the
 * bureau's); in a browser the page's own server says in /config.json (`npm run web`), the bureau's display
 * language included when it sets one.
 */
export interface HubEndpoint {
  readonly url: string;
  readonly demo: boolean;
  readonly demoUsers: readonly { readonly username: string; readonly password: string; readonly role: Role; readonly scope?: string }[];
  /** The bureau's display settings, from the desktop app's configuration (the language also from the serving hub). */
  readonly timeZone?: string;
  /** The bureau's default language, when it names one the console speaks. */
  readonly language?: LanguageCode;
  /** Days of events the local cache keeps: the bureau's event retention, as the desktop app or the serving hub says. */
  readonly retentionDays?: number;
}

const WebConfig = z.object({
  hubUrl: z.string(),
  demo: z.boolean(),
  /** The serving hub's event retention, which the console's cache follows. */
  retentionDays: RetentionDays.optional(),
  /** The bureau's language; one the console does not speak, or no language at all, is left out rather than losing the rest. */
  language: z.unknown().optional().transform(spokenLanguage),
  demoUsers: z
    .array(z.object({ username: z.string(), password: z.string(), role: Role, scope: z.string().optional() }))
    .default([]),
});

/** Demo users as documented, for the desktop app's embedded demo hub. */
const DEMO_USERS: HubEndpoint['demoUsers'] = [
  { username: 'duty', password: 'duty', role: 'duty-officer' },
  { username: 'lead', password: 'lead', role: 'shift-lead' },
  { username: 'wall', password: 'wall', role: 'observer' },
  { username: 'abuja', password: 'abuja', role: 'duty-officer', scope: 'NG' },
  { username: 'auditor', password: 'auditor', role: 'auditor' },
];

const withLanguage = (language: LanguageCode | undefined): Pick<HubEndpoint, 'language'> => (language === undefined ? {} : { language });

export async function discoverHub(): Promise<HubEndpoint> {
  const bridge = desktopBridge();
  if (bridge !== undefined) {
    const config = await bridge.hubConfig();
    return {
      url: config.url,
      demo: config.demo,
      demoUsers: config.demo ? DEMO_USERS : [],
      ...(config.timeZone ? { timeZone: config.timeZone } : {}),
      ...withLanguage(spokenLanguage(config.language)),
      ...(config.retentionDays ? { retentionDays: config.retentionDays } : {}),
    };
  }
  try {
    const response = await fetch('./config.json', { cache: 'no-store' });
    if (response.ok) {
      const config = WebConfig.parse(await response.json());
      return {
        url: config.hubUrl === '' ? window.location.origin : config.hubUrl,
        demo: config.demo,
        demoUsers: config.demoUsers,
        ...(config.retentionDays === undefined ? {} : { retentionDays: config.retentionDays }),
        ...withLanguage(config.language),
      };
    }
  } catch {
    // No config: the officer types the hub URL.
  }
  return { url: window.location.origin, demo: false, demoUsers: [] };
}

export type SignInResult =
  | { readonly ok: true; readonly token: string; readonly officer: Officer; readonly expiresAt: number }
  | { readonly ok: false; readonly reason: 'credentials' | 'unreachable' | 'protocol' | 'invalid-url'; readonly detail?: string }
  | { readonly ok: false; readonly reason: 'rate-limited'; readonly retryAfterMs: number };

/** The hub's 429 to a sign-in: too many wrong passwords for the account or from this address. */
const RateLimited = z.object({ error: z.literal('rate-limited'), retryAfterMs: z.int().positive() });

/** Checks the hub speaks protocol v1, then signs in. Each failure says which of the three things is wrong. */
export async function signIn(hubUrl: string, username: string, password: string): Promise<SignInResult> {
  let base: string;
  try {
    const url = new URL(hubUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'invalid-url' };
    base = url.origin;
  } catch {
    return { ok: false, reason: 'invalid-url' };
  }
  let health: Response;
  try {
    health = await fetch(`${base}/api/v1/health`, { cache: 'no-store' });
  } catch (error) {
    return { ok: false, reason: 'unreachable', detail: error instanceof Error ? error.message : String(error) };
  }
  const healthBody = HealthResponse.safeParse(await health.json().catch(() => undefined));
  if (!health.ok || !healthBody.success) return { ok: false, reason: 'protocol', detail: `expected protocol v${PROTOCOL_VERSION}` };
  const response = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  }).catch(() => undefined);
  if (response === undefined) return { ok: false, reason: 'unreachable' };
  if (response.status === 401 || response.status === 400) return { ok: false, reason: 'credentials' };
  if (response.status === 429) {
    const limited = RateLimited.safeParse(await response.json().catch(() => undefined));
    return { ok: false, reason: 'rate-limited', retryAfterMs: limited.success ? limited.data.retryAfterMs : 1000 };
  }
  const session = SessionResponse.safeParse(await response.json().catch(() => undefined));
  if (!response.ok || !session.success) return { ok: false, reason: 'protocol' };
  return { ok: true, token: session.data.token, officer: session.data.officer, expiresAt: session.data.expiresAt };
}
