/** The local cache (issue 7): what the session and the UI may use. */
export {
  DEFAULT_CACHE_NAME,
  WRITE_BATCH,
  defaultMakeColumns,
  describeNotice,
  openLocalCache,
  type BatchResult,
  type CachedPicture,
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
export {
  createCacheChanges,
  electWriter,
  type CacheChange,
  type CacheChanges,
  type ElectionOptions,
  type WriterElection,
} from './writer-lock';
