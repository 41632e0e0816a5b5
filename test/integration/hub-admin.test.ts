import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig, type RunningHub } from '../../hub/src/index';
import { caughtUp, connectClient, signIn, startTestHub, tempDir } from '../support/hub';

const operation = {
  codename: 'SENTINEL',
  status: 'planned',
  phase: 'Preparation',
  countries: ['GH', 'TG'],
  window: { start: Date.UTC(2026, 11, 1) },
  counters: { checks: 0, hits: 0, arrests: 0, victimsRescued: 0, documentsSeized: 0 },
};
const checkpoint = { name: 'Aflao border post', kind: 'land-border', country: 'GH', lon: 1.1925, lat: 6.1153, status: 'online' };

describe('admin changes over HTTP', () => {
  let hub: RunningHub;
  const put = (pathname: string, body: unknown, token?: string) =>
    fetch(`${hub.url}${pathname}`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    hub = await startTestHub({ demo: true, rate: 0 });
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('given an admin, when an operation and a checkpoint are put, then they become events every client receives', async () => {
    const admin = await signIn(hub, 'admin');
    const lead = await connectClient(hub, (await signIn(hub, 'lead')).token);
    const opResponse = await put('/api/v1/operations/op-sentinel', operation, admin.token);
    expect(opResponse.status).toBe(200);
    const cpResponse = await put('/api/v1/checkpoints/gh-aflao', checkpoint, admin.token);
    expect(cpResponse.status).toBe(200);
    await caughtUp(lead, hub);
    expect(lead.events.some((e) => e.type === 'operation.updated' && e.operation.id === 'op-sentinel' && e.operation.codename === 'SENTINEL')).toBe(true);
    expect(lead.events.some((e) => e.type === 'checkpoint.updated' && e.checkpoint.id === 'gh-aflao')).toBe(true);
    lead.close();
  });

  it('given no token, another role, a bad body or a body naming another id, then nothing changes and the answer says why', async () => {
    const duty = await signIn(hub, 'duty');
    const admin = await signIn(hub, 'admin');
    const head = hub.authority.cursor();
    expect((await put('/api/v1/operations/op-x', operation)).status).toBe(401);
    const forbidden = await put('/api/v1/operations/op-x', operation, duty.token);
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toEqual({ error: 'forbidden', message: 'Only an admin can change operations and checkpoints.' });
    const invalid = await put('/api/v1/checkpoints/cp-x', { ...checkpoint, lat: 123 }, admin.token);
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { message: string }).message).toContain('lat');
    expect((await put('/api/v1/checkpoints/cp-x', { ...checkpoint, id: 'cp-other' }, admin.token)).status).toBe(400);
    expect(hub.authority.cursor()).toBe(head);
  });
});

describe('start-up files', () => {
  it('given a seed file and a users file, then the hub starts with those operations, checkpoints and officers, and without demo users', async () => {
    const dir = await tempDir();
    const seedFile = path.join(dir.dir, 'seed.json');
    const usersFile = path.join(dir.dir, 'users.json');
    await writeFile(seedFile, JSON.stringify({ operations: [{ ...operation, id: 'op-sentinel' }], checkpoints: [{ ...checkpoint, id: 'gh-aflao' }] }));
    await writeFile(usersFile, JSON.stringify([{ id: 'off-accra', username: 'accra', name: 'NCB Accra Desk', role: 'duty-officer', scope: 'GH', password: 'accra-desk-2026' }]));
    const hub = await startTestHub({ seedFile, usersFile });
    try {
      expect(hub.authority.state().operations.get('op-sentinel')?.codename).toBe('SENTINEL');
      expect(hub.authority.state().checkpoints.get('gh-aflao')?.name).toBe('Aflao border post');
      const accra = await signIn(hub, 'accra', 'accra-desk-2026');
      expect(accra.officer).toEqual({ id: 'off-accra', name: 'NCB Accra Desk', role: 'duty-officer', scope: 'GH' });
      await expect(signIn(hub, 'duty')).rejects.toThrow(/401/);
    } finally {
      await hub.stop();
      await dir.remove();
    }
  });

  it('given a seed file with a bad checkpoint, then the hub refuses to start and names the field', async () => {
    const dir = await tempDir();
    const seedFile = path.join(dir.dir, 'seed.json');
    await writeFile(seedFile, JSON.stringify({ checkpoints: [{ ...checkpoint, id: 'gh-aflao', kind: 'spaceport' }] }));
    await expect(startTestHub({ seedFile })).rejects.toThrow(/seed file .*checkpoints\.0\.kind/);
    await dir.remove();
  });
});

describe('hub configuration', () => {
  it('given flags and environment, then flags win, env fills in, and demo mode has its documented ingest key', () => {
    const read = readConfig(['--port', '4700', '--demo'], { WATCHFLOOR_PORT: '1', WATCHFLOOR_DATA: '/var/lib/wf' });
    expect(read).toMatchObject({ config: { port: 4700, dataDir: '/var/lib/wf', demo: true, ingestKey: 'demo-ingest-key' } });
  });

  it('given an ingest key, then it is read from the environment or a keys file, never from the command line (ps shows it)', () => {
    expect(readConfig(['--ingest-key', 'a-shared-key'], {})).toMatchObject({ error: expect.stringContaining('ingest-key') });
    expect(readConfig([], { WATCHFLOOR_INGEST_KEY: 'a-shared-key' })).toMatchObject({ config: { ingestKey: 'a-shared-key' } });
    expect(readConfig([], { WATCHFLOOR_INGEST_KEYS: '/etc/wf/keys.json' })).toMatchObject({ config: { ingestKeysFile: '/etc/wf/keys.json' } });
    const demoWithKeys = readConfig(['--demo', '--ingest-keys', '/etc/wf/keys.json'], {});
    expect(demoWithKeys).toMatchObject({ config: { demo: true, ingestKeysFile: '/etc/wf/keys.json' } });
    expect('config' in demoWithKeys && demoWithKeys.config.ingestKey).toBeUndefined();
  });

  it('given bad settings, then each is named with what is expected', () => {
    expect(readConfig(['--port', 'eighty'], {})).toMatchObject({ error: expect.stringContaining('port') });
    expect(readConfig(['--database-url', 'mysql://x'], {})).toMatchObject({ error: expect.stringContaining('postgres://') });
    expect(readConfig([], { WATCHFLOOR_INGEST_KEY: 'short' })).toMatchObject({ error: expect.stringContaining('at least 8') });
    expect(readConfig(['--ingest-keys', '/etc/wf/keys.json'], { WATCHFLOOR_INGEST_KEY: 'a-shared-key' })).toMatchObject({
      error: expect.stringContaining('not both'),
    });
    expect(readConfig(['--bogus'], {})).toMatchObject({ error: expect.stringContaining('bogus') });
    expect(readConfig(['--help'], {})).toEqual({ help: true });
  });
});
