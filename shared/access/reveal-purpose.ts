import { z } from 'zod';
import { REASON_MAX_LENGTH } from '../domain/model';

/**
 * Why an officer looks at a hit's personal details: a purpose from the bureau's list plus a reason in their
 * own words. The purpose is what an auditor filters and counts by; the reason says what, in this case, the
 * purpose is served by. Both are checked here, once, for the hub (which refuses) and the console (which
 * says what is missing before sending).
 *
 * The bureau's list is the hub's setting (`--reveal-purposes`); a bureau that sets none gets
 * `DEFAULT_REVEAL_PURPOSES`. The console labels the default purposes in its own language and a bureau's
 * own purposes with the label the bureau gave them.
 */
export const DEFAULT_REVEAL_PURPOSES = [
  'identity-confirmation',
  'arrest-procedure',
  'victim-safeguarding',
  'document-verification',
  'record-owner-liaison',
  'investigation-follow-up',
] as const;
export type DefaultRevealPurpose = (typeof DEFAULT_REVEAL_PURPOSES)[number];

export function isDefaultRevealPurpose(id: string): id is DefaultRevealPurpose {
  return (DEFAULT_REVEAL_PURPOSES as readonly string[]).includes(id);
}

/** A purpose's id as it is stored in the audit trail: short, lower case, words joined by hyphens. */
export const RevealPurposeId = z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'expected a purpose id such as identity-confirmation').max(40);

/** One purpose on the bureau's list; `label` is required for a purpose that is not one of the defaults. */
export const RevealPurpose = z
  .object({ id: RevealPurposeId, label: z.string().trim().min(3).max(80).regex(/^[^,\p{Cc}]*$/u, 'a purpose label may not hold a comma or a control character').optional() })
  .refine((purpose) => purpose.label !== undefined || isDefaultRevealPurpose(purpose.id), {
    message: 'a purpose of the bureau\'s own needs a label, e.g. "child-protection:Child protection referral"',
    path: ['label'],
  });
export type RevealPurpose = z.infer<typeof RevealPurpose>;

export const RevealPurposeList = z
  .array(RevealPurpose)
  .min(1, 'the list of reveal purposes may not be empty')
  .max(40)
  .refine((list) => new Set(list.map((purpose) => purpose.id)).size === list.length, 'each reveal purpose id may appear only once');

export const DEFAULT_REVEAL_PURPOSE_LIST: readonly RevealPurpose[] = DEFAULT_REVEAL_PURPOSES.map((id) => ({ id }));

/**
 * The reason's floor: enough to tell an auditor what happened, not a token string. At least
 * `REVEAL_REASON_MIN_LENGTH` characters holding `REVEAL_REASON_MIN_WORDS` different words of two or more
 * letters or digits (so "xxxxxxxxxxxxxxxxxxxxxx", "test test test test" and "............" are refused).
 */
export const REVEAL_REASON_MIN_LENGTH = 20;
export const REVEAL_REASON_MIN_WORDS = 3;

export type RevealReasonProblem = 'too-short' | 'too-few-words' | 'too-long';

/** What is wrong with a reason as typed, or undefined when it will do. */
export function revealReasonProblem(text: string): RevealReasonProblem | undefined {
  const reason = text.trim();
  if (reason.length > REASON_MAX_LENGTH) return 'too-long';
  if (reason.length < REVEAL_REASON_MIN_LENGTH) return 'too-short';
  const words = new Set((reason.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? []).filter((word) => !/^(.)\1+$/u.test(word)));
  return words.size < REVEAL_REASON_MIN_WORDS ? 'too-few-words' : undefined;
}

const REASON_MESSAGES: Record<RevealReasonProblem, string> = {
  'too-short': `give a reason of at least ${REVEAL_REASON_MIN_LENGTH} characters`,
  'too-few-words': `give a reason of at least ${REVEAL_REASON_MIN_WORDS} different words that says what the details are needed for`,
  'too-long': `give a reason of at most ${REASON_MAX_LENGTH} characters`,
};

/** The reason on the wire: trimmed, and held to the floor above. */
export const RevealReason = z
  .string()
  .trim()
  .superRefine((reason, context) => {
    const problem = revealReasonProblem(reason);
    if (problem !== undefined) context.addIssue({ code: 'custom', message: REASON_MESSAGES[problem] });
  });

/** The list as the hub's `--reveal-purposes` setting reads it (`parseRevealPurposeSetting`). */
export function revealPurposeSetting(list: readonly RevealPurpose[]): string {
  return list.map((purpose) => (purpose.label === undefined ? purpose.id : `${purpose.id}:${purpose.label}`)).join(',');
}

/** `id` or `id:Label`, comma-separated: the hub's `--reveal-purposes` setting as typed. */
export function parseRevealPurposeSetting(text: string): unknown[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => {
      const colon = entry.indexOf(':');
      return colon < 0 ? { id: entry } : { id: entry.slice(0, colon).trim(), label: entry.slice(colon + 1).trim() };
    });
}
