import { createHash, randomBytes } from 'node:crypto';
import { CountryCode, EntityId } from '@watchfloor/shared';
import { z } from 'zod';

/**
 * Ingest keys: each checkpoint system posts hits with a key of its own, limited to the checkpoints and/or
 * countries its entry in the keys file lists. The file holds only each key's SHA-256. A fast unkeyed hash
 * is enough here, unlike for passwords: a key is 32 random bytes, so nobody can guess one from its hash by
 * trying candidates, and a fast hash lets every request be checked without a deliberate delay.
 */
export const INGEST_KEY_HASH = /^sha256:[0-9a-f]{64}$/;

export const IngestKeyEntry = z
  .object({
    /** Names the checkpoint system (recorded with every hit it posts); a new key for rotation takes a new id. */
    id: EntityId,
    name: z.string().min(1).max(120),
    keyHash: z.string().regex(INGEST_KEY_HASH, "expected 'sha256:' and 64 hex digits, as new-ingest-key prints"),
    checkpoints: z.array(EntityId).min(1).max(10_000).optional(),
    countries: z.array(CountryCode).min(1).max(300).optional(),
  })
  .strict()
  .refine((entry) => entry.checkpoints !== undefined || entry.countries !== undefined, {
    message: 'give checkpoints, countries or both: a key is limited to what it feeds',
  });
export type IngestKeyEntry = z.infer<typeof IngestKeyEntry>;

export const IngestKeysFile = z
  .array(IngestKeyEntry)
  .max(10_000)
  .superRefine((entries, context) => {
    const ids = new Set<string>();
    const hashes = new Set<string>();
    entries.forEach((entry, index) => {
      if (ids.has(entry.id)) context.addIssue({ code: 'custom', path: [index, 'id'], message: `id '${entry.id}' is given twice` });
      if (hashes.has(entry.keyHash)) context.addIssue({ code: 'custom', path: [index, 'keyHash'], message: 'this key is given twice' });
      ids.add(entry.id);
      hashes.add(entry.keyHash);
    });
  });

/** Who posted a hit, and where it may post; no checkpoints and no countries means everywhere. */
export interface IngestSource {
  readonly id: string;
  readonly checkpoints?: readonly string[];
  readonly countries?: readonly string[];
}

/** The one key of `WATCHFLOOR_INGEST_KEY` (and demo mode's documented key): every checkpoint. */
export const SHARED_KEY_SOURCE: IngestSource = { id: 'shared-key' };

export function hashIngestKey(key: string): string {
  return `sha256:${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}

/** A fresh key: 32 random bytes, base64url, with a prefix that makes it recognisable in a leaked file. */
export function newIngestKey(): string {
  return `wfk_${randomBytes(32).toString('base64url')}`;
}

/** Finds the source a bearer key belongs to. */
export interface IngestKeyRing {
  find(key: string | undefined): IngestSource | undefined;
}

export function createIngestKeyRing(entries: readonly IngestKeyEntry[], sharedKey?: string): IngestKeyRing {
  // Looked up by hash: the time a lookup takes depends on the hash of what was sent, which tells nothing
  // about any key.
  const byHash = new Map<string, IngestSource>(
    entries.map(({ id, keyHash, checkpoints, countries }) => [keyHash, { id, ...(checkpoints ? { checkpoints } : {}), ...(countries ? { countries } : {}) }]),
  );
  if (sharedKey !== undefined) byHash.set(hashIngestKey(sharedKey), SHARED_KEY_SOURCE);
  return { find: (key) => (key === undefined || key.length === 0 ? undefined : byHash.get(hashIngestKey(key))) };
}

/** Why `source` may not post a hit at this checkpoint, or undefined when it may. */
export function ingestScopeRefusal(source: IngestSource, checkpointId: string, country: string | undefined): string | undefined {
  const { checkpoints, countries } = source;
  if (checkpoints === undefined && countries === undefined) return undefined;
  if (checkpoints?.includes(checkpointId)) return undefined;
  if (country !== undefined && countries?.includes(country)) return undefined;
  const allowed = [
    ...(checkpoints ? [`checkpoints ${checkpoints.join(', ')}`] : []),
    ...(countries ? [`countries ${countries.join(', ')}`] : []),
  ].join(' and ');
  return `The ingest key '${source.id}' may post hits for ${allowed} only, not for checkpoint '${checkpointId}'.`;
}
