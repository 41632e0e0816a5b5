import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Officers' password hashes, `scrypt$N$r$p$salt$hash` (salt and hash base64url), verified in constant time.
 *
 * New hashes use OWASP's scrypt parameters. A stored hash is only trusted between a floor and a ceiling:
 * below the floor it is too cheap to brute-force if the database leaks, above the ceiling one sign-in
 * attempt could hold gigabytes or seconds of CPU. Such a hash never verifies; its officer needs a new
 * password. A hash weaker than the current parameters but above the floor verifies and is reported as
 * outdated, so the caller can store a fresh one while it holds the plain password.
 */
export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

export const CURRENT_PARAMS: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
/** The weakest stored hash still accepted: the parameters this hub wrote before OWASP's current ones. */
const FLOOR_PARAMS: ScryptParams = { N: 2 ** 14, r: 8, p: 1 };
/** At most twice the current memory and four times the current work per attempt. */
const CEILING = { memoryBytes: 2 * scryptMemory(CURRENT_PARAMS), work: 4 * work(CURRENT_PARAMS) } as const;

const SALT_BYTES = 16;
const KEY_BYTES = 32;
const MAX_KEY_BYTES = 64;

/** What OpenSSL allocates for scrypt: V (128·r·(N+2)) plus B (128·r·p), and a margin for its bookkeeping. */
function scryptMemory({ N, r, p }: ScryptParams): number {
  return 128 * r * (N + 2) + 128 * r * p + 1024 * 1024;
}

function work({ N, r, p }: ScryptParams): number {
  return N * r * p;
}

function derive(password: string, salt: Buffer, params: ScryptParams, keyBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, keyBytes, { ...params, maxmem: scryptMemory(params) }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, CURRENT_PARAMS, KEY_BYTES);
  const { N, r, p } = CURRENT_PARAMS;
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

interface StoredHash {
  readonly params: ScryptParams;
  readonly salt: Buffer;
  readonly key: Buffer;
}

const STORED_FORMAT = /^scrypt\$(\d{1,10})\$(\d{1,4})\$(\d{1,4})\$([A-Za-z0-9_-]{1,200})\$([A-Za-z0-9_-]{1,200})$/;

/** The stored hash, or why it may not be used: malformed, below the floor, or above the ceiling. */
export function readStoredHash(stored: string): StoredHash | { readonly problem: string } {
  const match = STORED_FORMAT.exec(stored);
  if (match === null) return { problem: 'not an scrypt$N$r$p$salt$hash string' };
  const params = { N: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  const salt = Buffer.from(match[4]!, 'base64url');
  const key = Buffer.from(match[5]!, 'base64url');
  const { N, r, p } = params;
  if (N < 2 || (N & (N - 1)) !== 0) return { problem: `N=${N} is not a power of two` };
  if (N < FLOOR_PARAMS.N || r < FLOOR_PARAMS.r || p < FLOOR_PARAMS.p) {
    return { problem: `N=${N}, r=${r}, p=${p} is below the floor N≥${FLOOR_PARAMS.N}, r≥${FLOOR_PARAMS.r}, p≥${FLOOR_PARAMS.p}` };
  }
  if (scryptMemory(params) > CEILING.memoryBytes || work(params) > CEILING.work) {
    return { problem: `N=${N}, r=${r}, p=${p} would cost more than the hub allows one sign-in attempt` };
  }
  if (salt.length < SALT_BYTES) return { problem: `a salt of ${salt.length} bytes is shorter than ${SALT_BYTES}` };
  if (key.length < KEY_BYTES || key.length > MAX_KEY_BYTES) return { problem: `a hash of ${key.length} bytes is not ${KEY_BYTES}–${MAX_KEY_BYTES} bytes` };
  return { params, salt, key };
}

export type PasswordCheck =
  | { readonly verdict: 'match'; /** Weaker than the current parameters: store a fresh hash. */ readonly outdated: boolean }
  | { readonly verdict: 'mismatch' }
  | { readonly verdict: 'unusable'; readonly problem: string };

/** A hash at the current parameters that no password matches, to spend the same time on a refusal. */
const DECOY: StoredHash = { params: CURRENT_PARAMS, salt: Buffer.alloc(SALT_BYTES), key: Buffer.alloc(KEY_BYTES) };

/**
 * Checks a password against a stored hash (or against none, for an unknown username). A missing or unusable
 * hash costs one derivation at the current parameters all the same, so timing does not tell which usernames
 * exist or whose hash is unusable.
 */
export async function checkPassword(password: string, stored: string | undefined): Promise<PasswordCheck> {
  const read = stored === undefined ? DECOY : readStoredHash(stored);
  const usable = 'problem' in read ? DECOY : read;
  const derived = await derive(password, usable.salt, usable.params, usable.key.length);
  if ('problem' in read) return { verdict: 'unusable', problem: read.problem };
  if (stored === undefined || !timingSafeEqual(derived, usable.key)) return { verdict: 'mismatch' };
  const outdated = scryptMemory(usable.params) < scryptMemory(CURRENT_PARAMS) || work(usable.params) < work(CURRENT_PARAMS);
  return { verdict: 'match', outdated };
}
