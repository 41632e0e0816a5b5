import { operationFigures, raiseAlert, type Alert } from '@watchfloor/shared';
import { hitRaised } from '@watchfloor/shared/testing';
import { describe, expect, it } from 'vitest';
import { countFigures } from './figures-view';

const anAlert = (seq: number, operationId: string): Alert => raiseAlert(hitRaised(seq, { id: `h${seq}`, operationId }));

describe('figures view', () => {
  it('given alerts arriving and changing one by one, then the figures equal those counted afresh over the same alerts', () => {
    const first = anAlert(1, 'op-a');
    const view = countFigures([first], 'op-a');
    const second = anAlert(2, 'op-a');
    const other = anAlert(3, 'op-b');
    view.update(undefined, second);
    view.update(undefined, other);
    const resolved: Alert = { ...first, status: 'resolved', outcome: 'confirmed' };
    view.update(first, resolved);
    expect(view.figures()).toEqual(operationFigures([resolved, second, other], 'op-a'));
    expect(view.figures()).toMatchObject({ hits: 2, open: 1, arrests: 1 });
  });
});
