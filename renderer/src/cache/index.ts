/** The local cache (issue 7): what the session and the UI may use. */
export {
  DEFAULT_CACHE_NAME,
  WRITE_BATCH,
  defaultMakeColumns,
  describeNotice,
  openLocalCache,
  type BatchResult,
  type CachedHits,
  type CachedPicture,
  type LoadPictureOptions,
  type CacheIdentity,
  type CacheNotice,
  type EnqueueResult,
  type LocalCache,
  type LocalCacheOptions,
  type MakeColumns,
  type OpenedCache,
  type OutboxEntry,
  type PurgeResult,
  type Refused,
  type WriteFailure,
} from './cache';
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
