import { DEFAULT_REVEAL_PURPOSE_LIST, DetailsResponse } from '@watchfloor/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAuditTrail } from '../../hub/src/audit/index';
import type { RunningHub } from '../../hub/src/index';
import { TEST_BACKENDS, connectClient, hitBody, postHit, signIn, startTestHub, type TestClient, type TestStore } from '../support/hub';

/**
 * A reveal of personal details needs a purpose from the bureau's list and a reason that means something;
 * the purpose lands in the audit record; the answer says who revealed the hit before, and when.
 */
const REASON = 'Confirming identity with the arrivals desk before interview';

for (const backend of TEST_BACKENDS) {
  describe(`reveal purposes on ${backend.name}`, () => {
    let store: TestStore;
    let hub: RunningHub;
    let duty: TestClient;
    let lead: TestClient;
    let hitId: string;

    beforeAll(async () => {
      store = await backend.fresh();
      hub = await startTestHub({
        demo: true,
        rate: 0,
        revealPurposes: [{ id: 'identity-confirmation' }, { id: 'child-protection', label: 'Child protection referral' }],
        handlingLabel: 'For official use only',
        ...store.config,
      });
      hitId = (await postHit(hub, hitBody({ subject: { name: 'SIMULATED PERSON', documentNumber: 'X12345678' } }))).body.hitId as string;
      duty = await connectClient(hub, (await signIn(hub, 'duty')).token);
      lead = await connectClient(hub, (await signIn(hub, 'lead')).token);
      await duty.waitFor(() => duty.hello !== undefined, 'hello');
    });

    afterAll(async () => {
      duty?.close();
      lead?.close();
      await hub?.stop();
      await store?.remove();
    });

    it('given a hub with its own purposes and a handling label, then hello tells every console both', () => {
      expect(duty.hello?.revealPurposes).toEqual([{ id: 'identity-confirmation' }, { id: 'child-protection', label: 'Child protection referral' }]);
      expect(duty.hello?.handlingLabel).toBe('For official use only');
    });

    it.each([
      ['no purpose', { reason: REASON }, /purpose/],
      ['a purpose not on the bureau\'s list', { purpose: 'arrest-procedure', reason: REASON }, /"arrest-procedure" is not one of this bureau's purposes \(identity-confirmation, child-protection\)/],
      ['a reason of five characters', { purpose: 'identity-confirmation', reason: 'check' }, /at least 20 characters/],
      ['a reason of one word repeated', { purpose: 'identity-confirmation', reason: 'check check check check check' }, /at least 3 different words/],
    ])('given %s, when a duty officer asks for details, then the hub refuses it as invalid and records no reveal', async (_, request, message) => {
      const answer = DetailsResponse.parse(await duty.request('details', { hitId, ...request }));
      expect(answer).toMatchObject({ ok: false, code: 'invalid', message: expect.stringMatching(message) });
      expect((await readAuditTrail(hub.db, { act: 'details-revealed', hitId })).records).toEqual([]);
    });

    it('given reveals by two officers, then each answer lists who revealed before and when, latest first, and the records carry the purpose', async () => {
      const first = DetailsResponse.parse(await duty.request('details', { hitId, purpose: 'child-protection', reason: REASON }));
      expect(first).toMatchObject({ ok: true, earlierReveals: [], earlierRevealsTotal: 0 });
      const second = DetailsResponse.parse(await lead.request('details', { hitId, purpose: 'identity-confirmation', reason: 'Arrest team asks for the document number' }));
      const revealed = (await readAuditTrail(hub.db, { act: 'details-revealed', hitId })).records;
      expect(revealed.map((record) => [record.officer?.id, record.details])).toEqual([
        ['off-duty', { purpose: 'child-protection', reason: REASON }],
        ['off-lead', { purpose: 'identity-confirmation', reason: 'Arrest team asks for the document number' }],
      ]);
      expect(second).toMatchObject({
        ok: true,
        earlierReveals: [{ at: revealed[0]?.at, officer: { id: 'off-duty', name: expect.any(String) }, purpose: 'child-protection' }],
        earlierRevealsTotal: 1,
      });
      const third = DetailsResponse.parse(await duty.request('details', { hitId, purpose: 'identity-confirmation', reason: 'Second look for the record owner liaison' }));
      expect(third.ok && third.earlierReveals.map((reveal) => reveal.officer.id)).toEqual(['off-lead', 'off-duty']);
    });

    it('given an officer who may not reveal, then they get no list of earlier reveals, only the refusal', async () => {
      const wall = await connectClient(hub, (await signIn(hub, 'wall')).token);
      try {
        const answer = await wall.request('details', { hitId, purpose: 'identity-confirmation', reason: REASON });
        expect(answer).toMatchObject({ ok: false, code: 'forbidden' });
        expect(answer).not.toHaveProperty('earlierReveals');
      } finally {
        wall.close();
      }
    });
  });
}

describe('reveal purposes by default', () => {
  it('given a hub started without --reveal-purposes, then hello lists the default purposes and no handling label', async () => {
    const hub = await startTestHub({ demo: true, rate: 0 });
    const duty = await connectClient(hub, (await signIn(hub, 'duty')).token);
    try {
      await duty.waitFor(() => duty.hello !== undefined, 'hello');
      expect(duty.hello?.revealPurposes).toEqual(DEFAULT_REVEAL_PURPOSE_LIST);
      expect(duty.hello?.handlingLabel).toBeUndefined();
    } finally {
      duty.close();
      await hub.stop();
    }
  });
});
