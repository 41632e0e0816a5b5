import { officers } from '@watchfloor/shared/testing';
import { describe, expect, it } from 'vitest';
import { startSession, type Session } from './session';
import type { FromWorker, ToWorker, WorkerLike } from './worker-protocol';

/** What the session tells the officer about the hub's input, from the data plane's messages. */
function scriptedWorker(onConnect: (post: (message: FromWorker) => void) => void): WorkerLike {
  const worker: WorkerLike = {
    onmessage: null,
    postMessage(message: ToWorker) {
      if (message.kind === 'connect') onConnect((data) => worker.onmessage?.({ data } as MessageEvent<FromWorker>));
    },
    terminate: () => undefined,
  };
  return worker;
}

async function noticeOf(session: Session, id: string) {
  for (let waited = 0; waited < 5000; waited += 10) {
    const notice = session.store.getSnapshot().notices.find((candidate) => candidate.id === id);
    if (notice !== undefined) return notice;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return undefined;
}

const hello = (quarantinedEvents?: number) => ({
  protocol: 1 as const,
  hubId: 'hub-1',
  headSeq: 10,
  officer: officers.admin,
  ...(quarantinedEvents === undefined ? {} : { quarantinedEvents }),
});

describe('session notices about the hub', () => {
  it('given a hello that says the hub set rows of its log aside, then the admin sees how many', async () => {
    const session = startSession('http://hub.test', 't', officers.admin, {
      cache: false,
      worker: () => scriptedWorker((post) => post({ kind: 'hello', hello: hello(3) })),
    });
    expect(await noticeOf(session, 'hub-quarantine')).toEqual({ id: 'hub-quarantine', key: 'hubQuarantine', values: { count: 3 }, tone: 'warning' });
    session.close();
  });

  it('given a dismissed quarantine notice and a reconnection with the same count, then it stays dismissed', async () => {
    let post: ((message: FromWorker) => void) | undefined;
    const session = startSession('http://hub.test', 't', officers.admin, {
      cache: false,
      worker: () => scriptedWorker((given) => (post = given)),
    });
    await session.ready;
    post!({ kind: 'hello', hello: hello(3) });
    await noticeOf(session, 'hub-quarantine');
    session.store.dismissNotice('hub-quarantine');
    post!({ kind: 'hello', hello: hello(3) });
    post!({ kind: 'unreadable', events: [{ seq: 1, problem: 'hit.at: too big' }] });
    // Applied in arrival order after the hello: once its range shows, the hello has been handled.
    post!({ kind: 'events', events: [], range: { after: 0, through: 1 } });
    await noticeOf(session, 'unreadable-events');
    while (session.store.getSnapshot().through < 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(session.store.getSnapshot().notices.map((notice) => notice.id)).toEqual(['unreadable-events']);
    post!({ kind: 'hello', hello: hello(5) });
    expect(await noticeOf(session, 'hub-quarantine')).toMatchObject({ values: { count: 5 } });
    session.close();
  });
});
