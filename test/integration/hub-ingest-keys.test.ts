import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashIngestKey, newIngestKey, type IngestKeyEntry } from '../../hub/src/auth/ingest-keys';
import type { RunningHub } from '../../hub/src/index';
import { hitBody, postHit, startTestHub, tempDir, waitUntil } from '../support/hub';

/**
 * Checkpoint systems' own keys from a keys file: each posts only for its checkpoints or countries, every
 * hit records which key posted it, and the file is followed without a restart (a bad file keeps the keys
 * the hub had).
 */
const lagosKey = newIngestKey();
const beninKey = newIngestKey();
const lagos: IngestKeyEntry = { id: 'lagos-apt', name: 'Lagos airport screening', keyHash: hashIngestKey(lagosKey), checkpoints: ['ng-los'] };
const benin: IngestKeyEntry = { id: 'benin-feeds', name: 'Benin border systems', keyHash: hashIngestKey(beninKey), countries: ['BJ'] };

let hub: RunningHub;
let dir: { dir: string; remove: () => Promise<void> };
let keysFile: string;
const logLines: { level: number; msg: string }[] = [];

/** Replaces the keys file the way an editor or deployment tool does: write aside, then rename over it. */
async function writeKeys(content: unknown): Promise<void> {
  const aside = `${keysFile}.new`;
  await writeFile(aside, typeof content === 'string' ? content : JSON.stringify(content));
  await rename(aside, keysFile);
}

const sourceOf = async (externalId: string) =>
  (await hub.db.query<{ source: string }>('select source from hit_ingest where external_id = $1', [externalId]))[0]?.source;
const eventCount = async () => Number((await hub.db.query<{ n: number }>('select count(*)::int as n from events'))[0]!.n);

beforeAll(async () => {
  dir = await tempDir();
  keysFile = path.join(dir.dir, 'ingest-keys.json');
  await writeKeys([lagos, benin]);
  const log = pino(
    { level: 'info' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(JSON.parse(chunk.toString('utf8')) as { level: number; msg: string });
        done();
      },
    }),
  );
  hub = await startTestHub({ demo: true, rate: 0, ingestKey: undefined, ingestKeysFile: keysFile, hooks: { log } });
});

afterAll(async () => {
  await hub?.stop();
  await dir?.remove();
});

describe('ingest keys from a keys file', () => {
  it('given a key for a checkpoint or a country, when it posts there, then 201 and the hit records the key that posted it', async () => {
    const atLagos = hitBody({ checkpointId: 'ng-los' });
    expect((await postHit(hub, atLagos, lagosKey)).status).toBe(201);
    expect(await sourceOf(atLagos.externalId as string)).toBe('lagos-apt');
    const atCotonou = hitBody({ checkpointId: 'bj-coo' });
    expect((await postHit(hub, atCotonou, beninKey)).status).toBe(201);
    expect(await sourceOf(atCotonou.externalId as string)).toBe('benin-feeds');
  });

  it('given a key, when it posts for a checkpoint outside its scope, then 403 forbidden and nothing is stored', async () => {
    const before = await eventCount();
    const outside = hitBody({ checkpointId: 'bj-coo' });
    const refused = await postHit(hub, outside, lagosKey);
    expect(refused).toEqual({ status: 403, body: { error: 'forbidden', message: expect.stringContaining("may post hits for checkpoints ng-los only, not for checkpoint 'bj-coo'") } });
    expect((await postHit(hub, hitBody({ checkpointId: 'ng-abv' }), beninKey)).status).toBe(403);
    expect(await sourceOf(outside.externalId as string)).toBeUndefined();
    expect(await eventCount()).toBe(before);
  });

  it("given another system's externalId, when a key posts it for a checkpoint outside its scope, then 403, not the other hit's id", async () => {
    const atCotonou = hitBody({ checkpointId: 'bj-port' });
    expect((await postHit(hub, atCotonou, beninKey)).status).toBe(201);
    expect((await postHit(hub, atCotonou, lagosKey)).status).toBe(403);
  });

  it('given the keys file, then no other key is accepted: not the shared test key, not a key of the right shape', async () => {
    expect((await postHit(hub, hitBody(), 'test-ingest-key')).status).toBe(401);
    expect((await postHit(hub, hitBody(), newIngestKey())).status).toBe(401);
    expect((await postHit(hub, hitBody(), lagos.keyHash)).status).toBe(401);
  });

  it('given the file changes, then a new key works and a removed one stops, without a restart', async () => {
    const rotatedKey = newIngestKey();
    const rotated: IngestKeyEntry = { id: 'lagos-apt-2', name: 'Lagos airport screening (new key)', keyHash: hashIngestKey(rotatedKey), checkpoints: ['ng-los'] };
    await writeKeys([lagos, rotated, benin]);
    await waitUntil(async () => (await postHit(hub, hitBody(), rotatedKey)).status === 201, 'the added key is accepted');
    expect((await postHit(hub, hitBody(), lagosKey)).status).toBe(201);

    await writeKeys([rotated, benin]);
    await waitUntil(async () => (await postHit(hub, hitBody(), lagosKey)).status === 401, 'the removed key is refused');
    const posted = hitBody();
    expect((await postHit(hub, posted, rotatedKey)).status).toBe(201);
    expect(await sourceOf(posted.externalId as string)).toBe('lagos-apt-2');
  });

  it('given a bad file, then the hub keeps the keys it had and logs a clear error', async () => {
    await writeKeys([lagos, benin]);
    await waitUntil(async () => (await postHit(hub, hitBody(), lagosKey)).status === 201, 'the good file is in force');
    const added = newIngestKey();
    const problems = () => logLines.filter((line) => line.level >= 50 && line.msg.startsWith('ingest keys file not reloaded'));
    for (const [bad, n] of [['[{"id": "half-writ', 1], [[{ ...benin, keyHash: 'sha256:short' }, { ...lagos, keyHash: hashIngestKey(added) }], 2]] as const) {
      await writeKeys(bad);
      await waitUntil(() => problems().length >= n, 'the bad file is reported');
      expect((await postHit(hub, hitBody({ checkpointId: 'bj-coo' }), beninKey)).status).toBe(201);
      expect((await postHit(hub, hitBody(), lagosKey)).status).toBe(201);
      expect((await postHit(hub, hitBody(), added)).status).toBe(401);
    }
    expect(JSON.stringify(problems()[1])).toContain('keyHash');
  });
});
