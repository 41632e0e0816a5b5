import { z } from 'zod';
import { CountryCode } from '../domain/model';

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

const HttpUrl = z
  .string()
  .max(2048)
  .regex(/^https?:\/\/[^\s/?#@]+(?:\/[^\s?#]*)?$/i, 'expected an http(s) URL such as https://hub.bureau.example');

/** A bureau hub is reached over TLS; plain http only on the workstation itself (a hub run locally). */
const HubUrl = z
  .string()
  .max(2048)
  .regex(
    /^(https:\/\/[^\s/?#@]+|http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?)(\/[^\s?#]*)?$/i,
    'expected an https URL such as https://hub.bureau.example (plain http only for a hub on this workstation)',
  );

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
    /** Days of events kept in the local cache before they are purged. */
    retentionDays: z.int().min(1).max(3650),
    /** Where electron-updater looks for new versions (generic provider); none disables updates. */
    updateServerUrl: HttpUrl.optional(),
    /** Whether native alert notifications play a sound. */
    alertSound: z.boolean().optional(),
  })
  .strict();
export type BureauConfig = Readonly<z.infer<typeof BureauConfig>>;

/**
 * What a workstation may change over the bureau's settings. The country, the id and the update server stay
 * the bureau's: they decide what the officer sees and what code the workstation runs.
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
