import { describe, expect, it } from 'vitest';
import { raiseAlert, type Alert } from '../alerts/lifecycle';
import { hitRaised } from '../testing/builders';
import { NO_FIGURES, isArrest, operationFigures, withAlert } from './figures';

const anAlert = (seq: number, hit: Parameters<typeof hitRaised>[1], overrides: Partial<Alert> = {}): Alert => ({ ...raiseAlert(hitRaised(seq, hit)), ...overrides });

describe('operation figures', () => {
  const open = anAlert(1, { id: 'h1', operationId: 'op-a', severity: 'critical' });
  const held = anAlert(2, { id: 'h2', operationId: 'op-a', severity: 'high' }, { status: 'acknowledged', holder: { id: 'o1', name: 'O' } });
  const arrest = anAlert(3, { id: 'h3', operationId: 'op-a', source: 'sltd' }, { status: 'resolved', outcome: 'confirmed' });
  const dismissed = anAlert(4, { id: 'h4', operationId: 'op-a' }, { status: 'resolved', outcome: 'false-positive' });
  const elsewhere = anAlert(5, { id: 'h5', operationId: 'op-b' });

  it('given alerts of an operation, when counted, then hits, open, critical, unacknowledged, arrests and documents follow one rule', () => {
    expect(operationFigures([open, held, arrest, dismissed, elsewhere], 'op-a')).toEqual({
      hits: 4,
      open: 2,
      critical: 1,
      unacknowledged: 1,
      arrests: 1,
      documentsSeized: 1,
    });
    expect(isArrest(dismissed)).toBe(false);
  });

  it('given no operation, when counted, then every alert counts', () => {
    expect(operationFigures([open, elsewhere], undefined).hits).toBe(2);
  });

  it('given an alert added and taken away, then the figures are as before', () => {
    expect(withAlert(withAlert(NO_FIGURES, arrest, 1), arrest, -1)).toEqual(NO_FIGURES);
  });
});
