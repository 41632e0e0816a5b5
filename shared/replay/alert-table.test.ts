import { describe, expect, it } from 'vitest';
import { raiseAlert } from '../alerts/lifecycle';
import { hitRaised } from '../testing/builders';
import { AlertTable } from './alert-table';

const alert = (seq: number, id: string) => raiseAlert(hitRaised(seq, { id }));

describe('AlertTable', () => {
  it('given a frozen version, when written to, then it refuses: snapshots never change', () => {
    const table = AlertTable.empty();
    table.set('a', alert(1, 'a'));
    const frozen = table.freeze();
    expect(() => frozen.set('b', alert(2, 'b'))).toThrow(/read-only/);
    expect([...frozen.keys()]).toEqual(['a']);
  });

  it('given a snapshot, when the table goes on, then the snapshot keeps the moment it was taken', () => {
    const table = AlertTable.empty();
    table.set('a', alert(1, 'a'));
    const frozen = table.freeze();
    table.set('a', { ...alert(1, 'a'), status: 'acknowledged' });
    table.set('b', alert(2, 'b'));
    expect(frozen.get('a')?.status).toBe('new');
    expect(frozen.has('b')).toBe(false);
    expect(frozen.size).toBe(1);
    expect(table.size).toBe(2);
  });

  it('given a draft of an earlier moment, when it raises the alert the log raised next, then it takes that place and the later moment keeps its own', () => {
    const table = AlertTable.empty();
    table.set('a', alert(1, 'a'));
    const early = table.freeze();
    table.set('b', alert(2, 'b'));
    const draft = early.draft();
    draft.set('b', { ...alert(2, 'b'), status: 'acknowledged' });
    expect([...draft.keys()]).toEqual(['a', 'b']);
    expect(draft.get('b')?.status).toBe('acknowledged');
    expect(table.get('b')?.status).toBe('new');
  });

  it('given a draft of an earlier moment, when it raises an alert the log never raised there, then it is kept apart and in insertion order', () => {
    const table = AlertTable.empty();
    table.set('a', alert(1, 'a'));
    const early = table.freeze();
    table.set('b', alert(2, 'b'));
    const draft = early.draft();
    draft.set('x', alert(2, 'x'));
    draft.set('b', alert(3, 'b'));
    expect([...draft.keys()]).toEqual(['a', 'x', 'b']);
    expect(draft.get('x')?.id).toBe('x');
    expect([...table.keys()]).toEqual(['a', 'b']);
  });
});
