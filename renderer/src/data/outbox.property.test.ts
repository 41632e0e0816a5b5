import { aCommand, officers } from '@watchfloor/shared/testing';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openLocalCache, type WindowPresence } from '../cache';
import { adoptOrphans, durableOutbox } from './outbox';

/** Window 0 is the writer and stays open; the others queue, close and send their own. */
type Step =
  | { readonly kind: 'give'; readonly window: number }
  | { readonly kind: 'close'; readonly window: number }
  | { readonly kind: 'answer'; readonly pick: number }
  | { readonly kind: 'adopt' };

const WINDOWS = 4;
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.nat(WINDOWS - 1).map<Step>((window) => ({ kind: 'give', window })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: WINDOWS - 1 }).map<Step>((window) => ({ kind: 'close', window })) },
  { weight: 2, arbitrary: fc.nat(20).map<Step>((pick) => ({ kind: 'answer', pick })) },
  { weight: 2, arbitrary: fc.constant<Step>({ kind: 'adopt' }) },
);

describe('outbox shared by windows (property)', () => {
  it('given any interleaving of windows giving commands, closing, answers and adoption, then nothing is lost and every command has one live sender after adoption', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 25 }), async (steps) => {
        const options = { indexedDB: new IDBFactory(), IDBKeyRange, name: 'outbox-owners-property' };
        const { cache } = await openLocalCache({ officerId: officers.duty.id, hubId: 'hub-a' }, options);
        const open = new Set(Array.from({ length: WINDOWS }, (_, index) => `w${index}`));
        const writer: Pick<WindowPresence, 'id' | 'gone'> = {
          id: 'w0',
          gone: async (ids) => new Set([...ids].filter((id) => id !== 'w0' && !open.has(id))),
        };
        /** Who sends each queued command, as the windows themselves see it. */
        const expected = new Map<string, string>();
        try {
          for (const next of steps) {
            if (next.kind === 'give') {
              const id = `w${next.window}`;
              if (!open.has(id)) continue;
              const command = aCommand({ type: 'acknowledge', alertId: `hit-${expected.size}` });
              expect(await durableOutbox(cache, id).enqueue(command)).toEqual({ ok: true });
              expected.set(command.mutationId, id);
            } else if (next.kind === 'close') {
              open.delete(`w${next.window}`);
            } else if (next.kind === 'answer') {
              const live = [...expected].filter(([, owner]) => open.has(owner));
              if (live.length === 0) continue;
              const [mutationId, owner] = live[next.pick % live.length]!;
              const [first] = await durableOutbox(cache, owner).pending();
              if (first?.mutationId !== mutationId) continue;
              await durableOutbox(cache, owner).acknowledge(mutationId);
              expected.delete(mutationId);
            } else {
              const adopted = await adoptOrphans(cache, writer);
              for (const entry of adopted) {
                expect(open.has(expected.get(entry.mutationId)!)).toBe(false);
                expected.set(entry.mutationId, 'w0');
              }
              for (const owner of expected.values()) expect(open.has(owner)).toBe(true);
            }
          }
          const rows = await cache.pending();
          expect(new Map(rows.map((entry) => [entry.mutationId, entry.owner]))).toEqual(expected);
        } finally {
          cache.close();
        }
      }),
      { numRuns: 40 },
    );
  });
});
