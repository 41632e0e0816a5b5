import { describe, expect, it } from 'vitest';
import { subjectFieldLabel, wordsOf } from './subject-fields';

describe('subject field labels', () => {
  it('given a field with a label in the bundle, then the label is shown', () => {
    expect(subjectFieldLabel('documentNumber', (key) => (key === 'documentNumber' ? 'Document number' : undefined))).toBe('Document number');
  });

  it('given a field the bundle does not know, then it reads as words, never as the raw key', () => {
    expect(subjectFieldLabel('placeOfIssue', () => undefined)).toBe('Place of issue');
    expect(wordsOf('vehicle_plate')).toBe('Vehicle plate');
    expect(wordsOf('eye-colour')).toBe('Eye colour');
    expect(wordsOf('name')).toBe('Name');
    expect(wordsOf('__')).toBe('__');
  });
});
