/** Numbers, times, durations and country names on screen, in the interface language (through `Intl`). */
export { formatCount, formatPercent } from './numbers';
export { formatLocalTime, formatUtcTime } from './times';
export { formatDuration } from './durations';
export { byCountryName, countryList, countryName } from './countries';
