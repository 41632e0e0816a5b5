import { conflict, forbidden, refuse, type AlertHistoryEntry } from '@watchfloor/shared';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { escalationReasonText, phaseText, refusalText } from './coded-text';
import { en } from './en';

const i18n = i18next.createInstance();
await i18n.init({
  lng: 'en',
  resources: { en: { translation: en }, fr: { translation: { refusals: { 'held-by-other': 'Déjà pris en charge par {{name}}.' } } } },
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});
const t = i18n.t;

type Escalated = Extract<AlertHistoryEntry, { type: 'alert.escalated' }>;

describe('refusalText', () => {
  it('given a refusal with its reason and parameters, then the console words it from its bundle', () => {
    expect(refusalText(t, conflict('held-by-other', { name: 'Bola' }))).toBe('Already acknowledged by Bola.');
    expect(refusalText(t, conflict('already-resolved', { outcome: 'false-positive' }))).toBe('This alert was already resolved (False positive).');
    expect(refusalText(t, conflict('status-not-acknowledgeable', { status: 'confirmation-pending' }))).toBe(
      'An alert in state “Awaiting confirmation” cannot be acknowledged.',
    );
  });

  it('given a role refusal, then the roles are put into words and joined as the language joins alternatives', () => {
    expect(refusalText(t, forbidden('role-cannot', { doing: 'assign-alerts', roles: ['shift-lead', 'admin'] }))).toBe(
      'Only a shift lead or an admin can assign alerts.',
    );
    expect(refusalText(t, forbidden('role-cannot', { doing: 'command-operation', roles: [] }))).toBe('No role can receive level-3 escalations.');
  });

  it('given another language, then the refusal is worded in it, not in the English of the wire message', () => {
    const french = i18n.cloneInstance({ lng: 'fr' });
    expect(refusalText(french.t, conflict('held-by-other', { name: 'Bola' }))).toBe('Déjà pris en charge par Bola.');
  });

  it('given a reason this console does not know, or none, then the hub message shows as sent', () => {
    expect(refusalText(t, { reason: 'from-a-newer-hub', params: {}, message: 'Something new.' })).toBe('Something new.');
    expect(refusalText(t, { message: 'No reason given.' })).toBe('No reason given.');
  });

  it('given a rate-limited answer, then the request kind and wait are worded', () => {
    expect(refusalText(t, refuse('rate-limited', 'rate-limited', { request: 'details', seconds: 3 }))).toBe(
      'Too many requests for personal details from this console; the hub did not act on this one. Try again in 3 s.',
    );
  });
});

describe('escalationReasonText', () => {
  const auto = (reason: string, reasonParams?: Escalated['reasonParams']) => ({ reason, reasonParams, auto: true });

  it('given an automatic escalation stored with a code, then the console words it', () => {
    expect(escalationReasonText(t, auto('no-activity', { holder: 'Dee Duty', minutes: 10, severity: 'critical' }))).toBe(
      'No activity by Dee Duty for 10 min (Critical)',
    );
  });

  it('given an automatic escalation logged before the codes, then its English sentence shows as stored', () => {
    expect(escalationReasonText(t, auto('Not acknowledged within 2 minutes (critical)'))).toBe('Not acknowledged within 2 minutes (critical)');
  });

  it("given an officer's reason that happens to read like a code, then it shows as typed", () => {
    expect(escalationReasonText(t, { reason: 'no-activity', auto: false })).toBe('no-activity');
  });
});

describe('phaseText', () => {
  it("given a phase code, then it is worded; given an administrator's phase, then it shows as written", () => {
    expect(phaseText(t, 'targeted-inspections')).toBe('Phase 2: Targeted inspections');
    expect(phaseText(t, 'Night patrols')).toBe('Night patrols');
  });
});
