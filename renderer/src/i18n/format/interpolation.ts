import type { FormatterModule } from 'i18next';
import { formatCount } from './numbers';

/**
 * Numbers given to `t()` (`{{count}} matches`, `{{kept}}`, `{{speed}}x`) are written the interface
 * language's way (`1,234` / `1 234` / `1.234`), so no sentence shows a bare `1234` or `0.5` in French.
 * Plural forms still come from the raw `count`. An identifier that happens to be a number (an audit record
 * `#seq`) is passed as a string and is left as it is.
 */
export const numberInterpolation: FormatterModule = {
  type: 'formatter',
  init() {},
  // Anything but a number goes back as it came, `undefined` included, so i18next still sees a missing value.
  format: (value: unknown, _format?: string, language?: string) => (typeof value === 'number' ? formatCount(value, language) : (value as string)),
  add() {},
  addCached() {},
};
