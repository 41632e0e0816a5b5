import { describe, expect, it } from 'vitest';
import { STRAY_GAP_MS, shortcutGate, type KeyContext } from './gate';

const T = 1_800_000_000_000;
const working: KeyContext = { typing: false, place: 'alerts', dialogOpen: false, lastDialogKeyAt: undefined, now: T, singleKeysOn: true };
const letter = { key: 'a', withModifier: false };
const arrow = { key: 'ArrowDown', withModifier: false };

describe('shortcutGate', () => {
  it('given the focus in the queue or detail, when a shortcut key is pressed, then it acts', () => {
    expect(shortcutGate(letter, working)).toBe('act');
    expect(shortcutGate(arrow, working)).toBe('act');
  });

  it('given the focus elsewhere, in a text field, or a dialog open, then no key acts', () => {
    expect(shortcutGate(letter, { ...working, place: undefined })).toBe('ignore');
    expect(shortcutGate(letter, { ...working, typing: true })).toBe('ignore');
    expect(shortcutGate(arrow, { ...working, dialogOpen: true })).toBe('ignore');
  });

  it('given the focus in the timeline, then its own keys and the sheet act, the alert commands do not', () => {
    const inTimeline = { ...working, place: 'timeline' as const };
    for (const key of ['p', 'l', 't', '?']) expect(shortcutGate({ key, withModifier: false }, inTimeline)).toBe('act');
    expect(shortcutGate(letter, inTimeline)).toBe('ignore');
    expect(shortcutGate(arrow, inTimeline)).toBe('ignore');
  });

  it('given a modifier held, then the key is left to the browser', () => {
    expect(shortcutGate({ key: 'a', withModifier: true }, working)).toBe('ignore');
  });

  it('given typing in a dialog that just closed, then keys close behind the last one are stray, and act after a pause', () => {
    expect(shortcutGate(letter, { ...working, lastDialogKeyAt: T - 100 })).toBe('stray');
    expect(shortcutGate(arrow, { ...working, lastDialogKeyAt: T - STRAY_GAP_MS + 1 })).toBe('stray');
    expect(shortcutGate(letter, { ...working, lastDialogKeyAt: T - STRAY_GAP_MS })).toBe('act');
  });

  it('given single-key shortcuts turned off, then letters and symbols do nothing while arrows still move', () => {
    const off = { ...working, singleKeysOn: false };
    expect(shortcutGate(letter, off)).toBe('ignore');
    expect(shortcutGate({ key: '?', withModifier: false }, off)).toBe('ignore');
    expect(shortcutGate(arrow, off)).toBe('act');
  });
});
