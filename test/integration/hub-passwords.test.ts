import { randomBytes, scryptSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../hub/src/index';
import { startTestHub } from '../support/hub';

/** A stored hash with the given parameters, as an older hub build or a hand edit left it in the table. */
function storedHash(password: string, N: number, r: number, p: number): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, 32, { N, r, p, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

let hub: RunningHub;

async function addOfficer(id: string, passwordHash: string): Promise<void> {
  await hub.db.query('insert into officers (id, username, name, role, password_hash) values ($1, $1, $2, $3, $4)', [id, `Officer ${id}`, 'duty-officer', passwordHash]);
}

async function storedHashOf(id: string): Promise<string> {
  const rows = await hub.db.query<{ password_hash: string }>('select password_hash from officers where id = $1', [id]);
  return rows[0]!.password_hash;
}

function signIn(username: string, password: string): Promise<Response> {
  return fetch(`${hub.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub.stop();
});

describe('stored password hashes at sign-in', () => {
  it('given a hash at the old parameters (N=2^14), when the officer signs in, then the row holds one at N=2^17 that signs them in again', async () => {
    const old = storedHash('old-params-password', 2 ** 14, 8, 1);
    await addOfficer('off-old-params', old);
    expect((await signIn('off-old-params', 'old-params-password')).status).toBe(200);
    const upgraded = await storedHashOf('off-old-params');
    expect(upgraded).not.toBe(old);
    expect(upgraded).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect((await signIn('off-old-params', 'old-params-password')).status).toBe(200);
    expect(await storedHashOf('off-old-params')).toBe(upgraded);
  });

  it('given a hash at the old parameters, when a wrong password is tried, then 401 and the row is unchanged', async () => {
    const old = storedHash('right-password', 2 ** 14, 8, 1);
    await addOfficer('off-wrong-try', old);
    expect((await signIn('off-wrong-try', 'wrong-password')).status).toBe(401);
    expect(await storedHashOf('off-wrong-try')).toBe(old);
  });

  it('given a hash below the floor (N=2), when the right password is given, then 401 and the row is unchanged (the officer needs a reset)', async () => {
    const weak = storedHash('weak-hash-password', 2, 8, 1);
    await addOfficer('off-weak', weak);
    expect((await signIn('off-weak', 'weak-hash-password')).status).toBe(401);
    expect(await storedHashOf('off-weak')).toBe(weak);
  });

  it('given a hash with absurd parameters, when someone signs in, then 401, never 500', async () => {
    await addOfficer('off-absurd', `scrypt$1073741824$8$1$${randomBytes(16).toString('base64url')}$${randomBytes(32).toString('base64url')}`);
    const response = await signIn('off-absurd', 'any-password');
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'unauthorized' });
  });
});
