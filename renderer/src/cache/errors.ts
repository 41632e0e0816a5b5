import { CorruptCacheError } from './rows';

/** Dexie wraps the browser's errors (`inner`), sometimes twice; quota shows up at any depth. */
export function isQuotaError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { name, inner } = current as { name?: unknown; inner?: unknown };
    if (name === 'QuotaExceededError') return true;
    current = inner;
  }
  return false;
}

export function isCorruption(error: unknown): error is CorruptCacheError {
  return error instanceof CorruptCacheError;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export const QUOTA_MESSAGE =
  'The computer is out of space for the local cache. The live picture continues, but it will not survive a restart until space is freed or the retention period is shortened.';
