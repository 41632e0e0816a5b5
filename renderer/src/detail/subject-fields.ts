/**
 * A revealed subject's fields in words: a field the bureau's feeders commonly send has its label in the i18n
 * bundle (`reveal.field.<key>`); any other key a feeder sends reads as words made from it ("placeOfIssue"
 * becomes "Place of issue"), never as the raw key.
 */
export function subjectFieldLabel(key: string, labelOf: (key: string) => string | undefined): string {
  return labelOf(key) ?? wordsOf(key);
}

/** `placeOfIssue`, `place_of_issue` or `place-of-issue` as "Place of issue". */
export function wordsOf(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.length === 0 ? key : words.charAt(0).toUpperCase() + words.slice(1);
}
