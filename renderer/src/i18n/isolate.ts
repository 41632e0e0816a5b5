/**
 * Values set inside translated sentences (times, counts, ids, codes, hub URLs, officer and checkpoint
 * names) are wrapped in Unicode first-strong isolates (FSI … PDI), so in a right-to-left sentence
 * "95.5 %" or "L2" stays whole and a Latin name does not pull the words around it into its own direction.
 * i18next runs every `{{value}}` through its `escape` option, so this applies to all t() calls at once.
 * Left-to-right interfaces keep their text unchanged: their values already read in the sentence's direction.
 */
const FIRST_STRONG_ISOLATE = '\u2068';
const POP_DIRECTIONAL_ISOLATE = '\u2069';

function isolate(value: unknown): string {
  return `${FIRST_STRONG_ISOLATE}${String(value)}${POP_DIRECTIONAL_ISOLATE}`;
}

/** The i18next `escape` for an interface written in `direction`. */
export function interpolatedValue(direction: () => 'ltr' | 'rtl'): (value: unknown) => string {
  return (value) => (direction() === 'rtl' ? isolate(value) : String(value));
}
