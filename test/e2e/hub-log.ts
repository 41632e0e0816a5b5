import type { APIRequestContext } from '@playwright/test';
import { EMPTY_OPS_STATE, EventBatch, OPS_NAMESPACE, SessionResponse, foldEvents, type OpsEvent, type OpsState } from '@watchfloor/shared';
import { io } from 'socket.io-client';
import { expect } from './fixtures';

/**
 * The demo hub's log as the e2e tests read it: folded to a moment, to check a picture against, and the demo
 * operation moved back in time so there is a past to replay.
 */

/** The hub's log as a shift lead receives it, folded with the shared reducer up to `time`. */
export async function hubStateAt(request: APIRequestContext, baseURL: string, time: number): Promise<OpsState> {
  const signIn = await request.post('/api/v1/session', { data: { username: 'lead', password: 'lead' } });
  const { token } = SessionResponse.parse(await signIn.json());
  const socket = io(`${baseURL}${OPS_NAMESPACE}`, { transports: ['websocket'], auth: { token, since: 0 }, forceNew: true, reconnection: false });
  const events: OpsEvent[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let head = Number.POSITIVE_INFINITY;
      socket.on('hello', (hello: { headSeq: number }) => (head = hello.headSeq));
      socket.on('events', (batch: unknown, range: { through: number }) => {
        events.push(...EventBatch.parse(batch));
        if (range.through >= head) resolve();
      });
      socket.on('connect_error', reject);
    });
  } finally {
    socket.close();
  }
  return foldEvents(EMPTY_OPS_STATE, events.filter((event) => event.at <= time)).state;
}

/**
 * The demo operation starts when its hub does, seconds before these tests; an admin moves its start two
 * hours back, as a real operation would have been running, so there is time to play through.
 */
export async function startedHoursAgo(request: APIRequestContext, baseURL: string): Promise<void> {
  const { operations } = await hubStateAt(request, baseURL, Date.now());
  const { id, ...operation } = operations.get('op-harmattan')!;
  const signIn = await request.post('/api/v1/session', { data: { username: 'admin', password: 'admin' } });
  const { token } = SessionResponse.parse(await signIn.json());
  const response = await request.put(`/api/v1/operations/${id}`, {
    headers: { Authorization: `Bearer ${token}` },
    data: { ...operation, window: { ...operation.window, start: Date.now() - 2 * 3_600_000 } },
  });
  expect(response.status()).toBe(200);
}
