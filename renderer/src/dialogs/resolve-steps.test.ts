import { OUTCOMES, SEVERITIES } from '@watchfloor/shared';
import { describe, expect, it } from 'vitest';
import { needsResolveConfirmation, resolveReady } from './resolve-steps';

describe('needsResolveConfirmation', () => {
  it('given each severity and outcome, then only a critical or high alert closed as false positive or no action asks to confirm', () => {
    const asking = SEVERITIES.flatMap((severity) => OUTCOMES.filter((outcome) => needsResolveConfirmation(severity, outcome)).map((outcome) => `${severity} ${outcome}`));
    expect(asking).toEqual(['critical false-positive', 'critical no-action', 'high false-positive', 'high no-action']);
  });
});

describe('resolveReady', () => {
  it('given no outcome chosen, or no comment, then the dialog cannot go on', () => {
    expect(resolveReady(undefined, 'Checked with the desk')).toBe(false);
    expect(resolveReady('no-action', '   ')).toBe(false);
  });

  it('given an outcome and a comment, then it can', () => {
    expect(resolveReady('handed-over', 'Handed to the border police')).toBe(true);
  });
});
