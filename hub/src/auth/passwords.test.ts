import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CURRENT_PARAMS, checkPassword, hashPassword } from './passwords';

/** A stored hash made with any parameters, as an older build, a hand edit or an attacker could write it. */
function storedHash(password: string, N: number, r: number, p: number): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFKC'), salt, 32, { N, r, p, maxmem: 256 * 1024 * 1024 });
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

describe('password hashes', () => {
  it("given a new password, then it is hashed at OWASP's N=2^17, r=8, p=1 and verifies without being outdated", async () => {
    expect(CURRENT_PARAMS).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    await expect(checkPassword('correct horse battery', hash)).resolves.toEqual({ verdict: 'match', outdated: false });
    await expect(checkPassword('correct horse batterY', hash)).resolves.toEqual({ verdict: 'mismatch' });
  });

  it('given a stored hash at the floor (N=2^14), then the right password verifies and the hash is reported outdated', async () => {
    const hash = storedHash('correct horse battery', 2 ** 14, 8, 1);
    await expect(checkPassword('correct horse battery', hash)).resolves.toEqual({ verdict: 'match', outdated: true });
    await expect(checkPassword('wrong', hash)).resolves.toEqual({ verdict: 'mismatch' });
  });

  it('given a stored hash below the floor, then even the right password never verifies and the problem is named', async () => {
    const weak = [[2, 8, 1], [2 ** 13, 8, 1], [2 ** 14, 4, 1]] as const;
    const checks = await Promise.all(weak.map(([N, r, p]) => checkPassword('correct horse battery', storedHash('correct horse battery', N, r, p))));
    for (const check of checks) expect(check).toEqual({ verdict: 'unusable', problem: expect.stringContaining('below the floor') });
  });

  it('given a stored hash with absurd parameters (memory or work), then it is refused, never derived with nor thrown', async () => {
    const salt = randomBytes(16).toString('base64url');
    const key = randomBytes(32).toString('base64url');
    const absurd = ['1073741824$8$1', '262144$8$4', '131072$1024$1'];
    const checks = await Promise.all(absurd.map((params) => checkPassword('x', `scrypt$${params}$${salt}$${key}`)));
    for (const check of checks) expect(check).toEqual({ verdict: 'unusable', problem: expect.stringContaining('would cost more') });
  });

  it('given a malformed stored hash, then it is unusable rather than an error', async () => {
    const malformed = ['', 'bcrypt$2b$10$abc', `scrypt$12345$8$1$${'A'.repeat(22)}$${'A'.repeat(43)}`, `scrypt$16384$8$1$${'A'.repeat(8)}$${'A'.repeat(43)}`];
    const checks = await Promise.all(malformed.map((stored) => checkPassword('x', stored)));
    for (const check of checks) expect(check).toMatchObject({ verdict: 'unusable' });
  });

  it('given no stored hash (an unknown username), then nothing matches', async () => {
    await expect(checkPassword('', undefined)).resolves.toEqual({ verdict: 'mismatch' });
  });
});
