import { z } from 'zod';
import { RevealPurposeList } from '../access/reveal-purpose';
import { CountryCode } from '../domain/model';
import { HandlingLabel } from '../replay/export-label';
import { RetentionDays, RetentionPolicy } from '../retention/policy';

/**
 * The configuration a bureau's IT ships with the installer (`resources/bureau.json`), and the overrides an
 * officer or local IT may put in the user-data folder (`settings.json`). Both are validated here so a wrong
 * field is reported by name instead of breaking the app somewhere later.
 */
function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** https, or plain http to the workstation itself (loopback), which nothing on the network can read or change. */
const TLS_OR_LOOPBACK = /^(https:\/\/[^\s/?#@]+|http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?)(\/[^\s?#]*)?$/i;

/** A bureau hub is reached over TLS; plain http only on the workstation itself (a hub run locally). */
const HubUrl = z
  .string()
  .max(2048)
  .regex(TLS_OR_LOOPBACK, 'expected an https URL such as https://hub.bureau.example (plain http only for a hub on this workstation)');

/**
 * The update feed decides what code the workstation runs, so it is fetched over TLS only; plain http only
 * from the workstation itself (a local test server).
 */
export const UpdateFeedUrl = z
  .string()
  .max(2048)
  .regex(
    TLS_OR_LOOPBACK,
    'expected an https URL such as https://updates.bureau.example/watchfloor: updates are never fetched over plain http (only from http://127.0.0.1 or localhost)',
  );

/** A host the app may hand links to the system browser for, e.g. `www.interpol.int` (exact, lower case). */
const LinkHost = z
  .string()
  .max(253)
  .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/, 'expected a lower-case host name such as www.interpol.int');

/** `"demo"` starts the embedded hub with the simulated operation. */
export const HubSetting = z.union([z.literal('demo'), HubUrl]);

export const BureauConfig = z
  .object({
    /** Short id used in artifact names and logs, e.g. `abuja`. */
    bureau: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'expected a short lower-case id such as abuja'),
    /** Shown in the window title, e.g. "NCB Abuja". */
    name: z.string().min(1).max(80),
    hubUrl: HubSetting,
    /** ISO 3166-1 alpha-2 country of the bureau. */
    country: CountryCode,
    /** BCP 47 language tag of the interface, e.g. `en` or `fr`. */
    language: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'expected a language tag such as en or fr-BJ'),
    /** IANA time zone in which local times are shown beside UTC. */
    timeZone: z.string().refine(isTimeZone, 'expected an IANA time zone such as Africa/Lagos'),
    /**
     * Days events are kept: the console's cache purges older ones, and so does the embedded hub (its
     * `eventDays`); a bureau's own hub should be started with the same `--retention-days`.
     */
    retentionDays: RetentionDays,
    /** The embedded hub's limits for the other kinds of data (docs/retention.md); each left out keeps its default. */
    retention: RetentionPolicy.omit({ eventDays: true }).partial().optional(),
    /**
     * The purposes an officer picks from to reveal personal details, for the embedded hub (its
     * `--reveal-purposes`); a bureau's own hub takes the same option. Absent: the defaults (docs/protocol.md).
     */
    revealPurposes: RevealPurposeList.optional(),
    /** The handling label on every export, e.g. "For official use only", for the embedded hub (`--handling-label`). */
    handlingLabel: HandlingLabel.optional(),
    /** Where electron-updater looks for new versions (generic provider, https); none disables updates. */
    updateServerUrl: UpdateFeedUrl.optional(),
    /** Hosts whose https pages links in the app may open in the system browser; none by default. */
    externalLinkHosts: z.array(LinkHost).max(100).optional(),
    /** Whether native alert notifications play a sound. */
    alertSound: z.boolean().optional(),
  })
  .strict();
export type BureauConfig = Readonly<z.infer<typeof BureauConfig>>;

/**
 * What a workstation may change over the bureau's settings. The country, the id, the update server and the
 * link hosts stay the bureau's: they decide what the officer sees, what code the workstation runs and where
 * it sends the officer.
 */
export const USER_OVERRIDABLE = ['hubUrl', 'language', 'timeZone', 'retentionDays', 'alertSound'] as const;
export const UserOverrides = BureauConfig.pick({
  hubUrl: true,
  language: true,
  timeZone: true,
  retentionDays: true,
  alertSound: true,
})
  .partial()
  .strict();
export type UserOverrides = Readonly<z.infer<typeof UserOverrides>>;
