/** The local cache: what the session and the UI may use. */
export { DEFAULT_CACHE_NAME, openLocalCache, type LocalCache, type LocalCacheOptions, type OpenedCache } from './cache';
export { describeNotice } from './notices';
export type { AlertPage } from './alert-pages';
export type {
  BatchResult,
  CachedHits,
  CachedPicture,
  CacheIdentity,
  CacheNotice,
  EnqueueResult,
  LoadPictureOptions,
  MakeColumns,
  OutboxEntry,
  PictureHead,
  PurgeResult,
  WriteFailure,
} from './types';
export { rightsOf } from './rights';
export {
  createCacheChanges,
  electWriter,
  showWindow,
  type CacheChange,
  type CacheChanges,
  type ElectionOptions,
  type WindowPresence,
  type WriterElection,
} from './writer-lock';
