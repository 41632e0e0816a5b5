import { formatCount } from './format/numbers';

/**
 * How a value set inside a translated sentence is written. i18next hands every `{{value}}` to its `escape`
 * option (raw, before it becomes text), after any named format such as `{{roles, list}}`; here:
 * - a number is grouped the interface language's way (`1,234` / `1 234` / `1.234`), so no sentence shows a
 *   bare `1234` or `0.5` in French; plural forms still come from the raw `count`; an identifier that
 *   happens to be a number (an audit record `#seq`) is passed as a string and left as it is;
 * - in a right-to-left interface the value is wrapped in Unicode first-strong isolates (FSI … PDI), so
 *   "95.5 %" or "L2" stays whole and a Latin name does not pull the words around it into its own direction.
 *   Left-to-right interfaces keep their text unchanged.
 * This is not HTML escaping: React escapes what it renders.
 */
const FIRST_STRONG_ISOLATE = '\u2068';
const POP_DIRECTIONAL_ISOLATE = '\u2069';

function written(value: unknown): string {
  return typeof value === 'number' ? formatCount(value) : String(value);
}

/** The i18next `escape` for an interface written in `direction` (asked at each sentence). */
export function interpolatedValue(direction: () => 'ltr' | 'rtl'): (value: unknown) => string {
  return (value) => (direction() === 'rtl' ? `${FIRST_STRONG_ISOLATE}${written(value)}${POP_DIRECTIONAL_ISOLATE}` : written(value));
}
