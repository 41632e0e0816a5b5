import type { APIRequestContext } from '@playwright/test';
import { expect } from './fixtures';

/**
 * A checkpoint system posting a hit to the demo hub, as the e2e tests raise their own traffic instead of
 * waiting for the simulator (sparse at night). Each hit gets a fresh external id; `overrides` change any
 * field of the default red-notice match at Lagos airport.
 */
const INGEST_KEY = 'demo-ingest-key';

export async function raiseHit(request: APIRequestContext, overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await request.post('/api/v1/hits', {
    headers: { Authorization: `Bearer ${INGEST_KEY}` },
    data: {
      externalId: `e2e-${Date.now()}-${Math.random().toString(36).slice(2)}`,
      operationId: 'op-harmattan',
      checkpointId: 'ng-los',
      at: new Date().toISOString(),
      source: 'red-notice',
      score: 0.97,
      summary: 'Red notice requested by FR: identity match at arrivals primary inspection',
      recordOwner: 'FR',
      subject: { name: 'E2E SIMULATED PERSON', documentNumber: 'X99999999' },
      ...overrides,
    },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { hitId: string }).hitId;
}
