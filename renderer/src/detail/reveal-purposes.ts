import { DEFAULT_REVEAL_PURPOSE_LIST, isDefaultRevealPurpose, type RevealPurpose } from '@watchfloor/shared';
import type { TFunction } from 'i18next';

/**
 * The reveal purposes as an officer reads them: the hub's list from `hello` (the defaults until it has
 * said), each default worded by the console's language, each of the bureau's own by the label the bureau
 * gave it. A purpose id no longer on the list (in an older record) reads as its id.
 */
export function revealPurposeOptions(listed: readonly RevealPurpose[] | undefined, t: TFunction): { readonly id: string; readonly label: string }[] {
  return (listed ?? DEFAULT_REVEAL_PURPOSE_LIST).map((purpose) => ({ id: purpose.id, label: revealPurposeLabel(purpose.id, listed, t) }));
}

export function revealPurposeLabel(id: string, listed: readonly RevealPurpose[] | undefined, t: TFunction): string {
  const own = listed?.find((purpose) => purpose.id === id)?.label;
  if (own !== undefined) return own;
  return isDefaultRevealPurpose(id) ? t(`revealPurpose.${id}`) : id;
}
