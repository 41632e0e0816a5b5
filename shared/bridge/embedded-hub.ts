import { z } from 'zod';
import { revealPurposeSetting, type RevealPurpose } from '../access/reveal-purpose';
import type { RetentionPolicy } from '../retention/policy';

/**
 * The contract between the desktop app and the hub it runs in a utility process when no hub is configured
 * (or "demo" is chosen). The hub lives in hub/ and the shell in electron/; neither imports the other, so
 * both validate the messages they exchange with these schemas.
 */
export const EMBEDDED_HUB_SERVICE_NAME = 'Watchfloor hub';

/** The hub's option for each retention setting (`npm run hub -- --help`). */
const RETENTION_OPTIONS: Readonly<Record<keyof RetentionPolicy, string>> = {
  eventDays: '--retention-days',
  subjectDays: '--retention-subject-days',
  subjectGraceDays: '--retention-subject-grace-days',
  idempotencyDays: '--retention-idempotency-days',
  refusalDays: '--retention-refusal-days',
};

/** The bureau's reveal purposes and handling label, for the embedded hub (absent: the hub's defaults). */
export interface EmbeddedHubPolicy {
  readonly revealPurposes?: readonly RevealPurpose[] | undefined;
  readonly handlingLabel?: string | undefined;
}

/**
 * Arguments the desktop app passes to the hub's entry: its data folder, the demo operation, any free port,
 * the bureau's retention settings (those it leaves out keep the hub's defaults), its reveal purposes and
 * its handling label.
 */
export function embeddedHubArgs(dataDir: string, retention: Partial<RetentionPolicy> = {}, policy: EmbeddedHubPolicy = {}): string[] {
  const limits = (Object.keys(RETENTION_OPTIONS) as (keyof RetentionPolicy)[]).flatMap((setting) => {
    const days = retention[setting];
    return days === undefined ? [] : [RETENTION_OPTIONS[setting], String(days)];
  });
  const purposes = policy.revealPurposes === undefined ? [] : ['--reveal-purposes', revealPurposeSetting(policy.revealPurposes)];
  const label = policy.handlingLabel === undefined ? [] : ['--handling-label', policy.handlingLabel];
  return ['--data', dataDir, '--demo', '--port', '0', ...limits, ...purposes, ...label];
}

/** The embedded hub only ever listens on the loopback interface. */
export const LoopbackHttpUrl = z
  .string()
  .regex(/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d{1,5}\/?$/, 'expected http://127.0.0.1:PORT');

export const EmbeddedHubReady = z.object({
  type: z.literal('ready'),
  url: LoopbackHttpUrl,
  hubId: z.string().min(1).max(128),
});
export const EmbeddedHubFailed = z.object({ type: z.literal('error'), message: z.string().max(4000) });
export const EmbeddedHubStopped = z.object({ type: z.literal('stopped') });

/** What the hub posts on its parentPort. */
export const EmbeddedHubMessage = z.discriminatedUnion('type', [EmbeddedHubReady, EmbeddedHubFailed, EmbeddedHubStopped]);
export type EmbeddedHubMessage = z.infer<typeof EmbeddedHubMessage>;

/** What the desktop app posts to the hub: a request to finish in-flight work, close and exit. */
export const EmbeddedHubCommand = z.object({ type: z.literal('stop') });
export type EmbeddedHubCommand = z.infer<typeof EmbeddedHubCommand>;
