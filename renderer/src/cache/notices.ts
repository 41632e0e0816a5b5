import type { Salvage } from './recovery';
import type { CacheNotice } from './types';

/** The notices the cache gives the officer when it had to rebuild or clear itself, and their wording. */

export function rebuiltNotice(reason: 'unreadable' | 'invalid-rows', detail: string, salvage: Salvage): CacheNotice {
  return { kind: 'rebuilt', reason, detail, keptCommands: salvage.kept.length, lostCommands: salvage.lost };
}

/** What the officer reads; the UI may use its own strings, keyed by the notice fields. */
export function describeNotice(notice: CacheNotice): string {
  if (notice.kind === 'rebuilt') {
    const kept = `${notice.keptCommands} queued command${notice.keptCommands === 1 ? ' was' : 's were'} kept`;
    const lost =
      notice.lostCommands === undefined
        ? '; queued commands could not be read and may need to be given again'
        : notice.lostCommands > 0
          ? `; ${notice.lostCommands} could not be read and must be given again`
          : '';
    return `The local cache was unreadable and has been rebuilt from the hub; ${kept}${lost}.`;
  }
  const dropped = notice.droppedCommands.length;
  return `The local cache belonged to another hub or officer and has been cleared${
    dropped > 0 ? `; ${dropped} command${dropped === 1 ? '' : 's'} queued there will not be sent` : ''
  }.`;
}
