import { PresenceList, type PresenceEntry } from '@watchfloor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../hub/src/index';
import { connectClient, signIn, startTestHub, type TestClient } from '../support/hub';

let hub: RunningHub;
const clients: TestClient[] = [];

beforeAll(async () => {
  hub = await startTestHub({ demo: true, rate: 0 });
});

afterAll(async () => {
  clients.forEach((client) => client.close());
  await hub?.stop();
});

async function officer(username: string): Promise<{ client: TestClient; presence: PresenceEntry[][] }> {
  const client = await connectClient(hub, (await signIn(hub, username)).token);
  clients.push(client);
  const presence: PresenceEntry[][] = [];
  client.socket.on('presence', (list: unknown) => presence.push(PresenceList.parse(list)));
  return { client, presence };
}

describe('presence: do not disturb visible to the shift lead', () => {
  it('given a duty officer who silences alerts, then the shift lead sees until when, and the wall display sees nothing', async () => {
    const lead = await officer('lead');
    const wall = await officer('wall');
    const duty = await officer('duty');
    const until = Date.now() + 30 * 60_000;
    duty.client.socket.emit('presence', { doNotDisturbUntil: until });
    await lead.client.waitFor(
      () => lead.presence.at(-1)?.some((entry) => entry.officer.id === 'off-duty' && entry.doNotDisturbUntil === until) ?? false,
      'the lead to see the do-not-disturb',
    );
    expect(lead.presence.at(-1)?.map((entry) => entry.officer.id).sort()).toEqual(['off-duty', 'off-lead', 'off-wall']);
    expect(wall.presence).toEqual([]);
    duty.client.socket.emit('presence', {});
    await lead.client.waitFor(
      () => lead.presence.at(-1)?.find((entry) => entry.officer.id === 'off-duty')?.doNotDisturbUntil === undefined,
      'the do-not-disturb to end',
    );
  });

  it('given a malformed presence update, then it is ignored and the officer leaving is published', async () => {
    const lead = await officer('lead');
    const duty = await officer('abuja');
    duty.client.socket.emit('presence', { doNotDisturbUntil: 'tomorrow' });
    duty.client.close();
    await lead.client.waitFor(() => !(lead.presence.at(-1)?.some((entry) => entry.officer.id === 'off-abuja') ?? true), 'abuja to leave');
    expect(lead.presence.flat().filter((entry) => entry.officer.id === 'off-abuja' && entry.doNotDisturbUntil !== undefined)).toEqual([]);
  });
});
