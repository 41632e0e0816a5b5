import { ALERT_STATUSES, type Hit, type OpsEvent } from '@watchfloor/shared';
import type { NewHitsBlock } from './hit-columns';
import { Dictionary, writeHitRow } from './hit-rows';
import { hashId, hashOrder } from './row-index';

/**
 * The map's rows for a live batch's new hits, encoded by the data-plane worker as it passes the batch on,
 * so the UI thread's share of an append is copying typed arrays (`HitColumns.appendRaised`): the reading of
 * every hit object, the category lookups, and the hashing, ordering and copying of every id happen off the UI thread.
 * Each hit as the store raises it: status 'new'. The arrays are the block's own, so they can be transferred.
 */
export function encodeNewHits(hits: readonly Hit[]): NewHitsBlock {
  const count = hits.length;
  const positions = new Float32Array(count * 2);
  const atMs = new Float64Array(count);
  const severities = new Uint8Array(count);
  const statuses = new Uint8Array(count).fill(NEW_STATUS);
  const sources = new Uint8Array(count);
  const checkpointRefs = new Uint16Array(count);
  const countryRefs = new Uint8Array(count);
  const rows = { positions, atMs, severities, sources, checkpointRefs, countryRefs };
  const checkpoints = new Dictionary();
  const countries = new Dictionary();
  const ends = new Uint32Array(count);
  const hashes = new Uint32Array(count);
  let chars = 0;
  for (let i = 0; i < count; i++) {
    const hit = hits[i]!;
    writeHitRow(rows, i, hit, checkpoints, countries);
    chars += hit.id.length;
    ends[i] = chars;
    hashes[i] = hashId(hit.id);
  }
  const idChars = new Uint16Array(chars);
  let at = 0;
  for (const { id } of hits) for (let i = 0; i < id.length; i++) idChars[at++] = id.charCodeAt(i);
  if (checkpoints.values.length > MAX_CHECKPOINTS || countries.values.length > MAX_COUNTRIES) {
    throw new RangeError(`a batch of ${count} hits from ${checkpoints.values.length} checkpoints in ${countries.values.length} countries does not fit one block`);
  }
  return {
    count,
    positions,
    atMs,
    severities,
    statuses,
    sources,
    checkpointRefs,
    checkpoints: checkpoints.values,
    countryRefs,
    countries: countries.values,
    ids: { count, chars: idChars, ends, hashes, order: hashOrder(hashes) },
  };
}

/** The hits a batch raises, in order (a hit the store already holds is left out by the store, not here). */
export function newHitsOf(events: readonly OpsEvent[]): Hit[] {
  const hits: Hit[] = [];
  for (const event of events) if (event.type === 'hit.raised') hits.push(event.hit);
  return hits;
}

/** The block's buffers, to transfer with the message that carries it. */
export function buffersOf(block: NewHitsBlock): ArrayBuffer[] {
  const arrays = [block.positions, block.atMs, block.severities, block.statuses, block.sources, block.checkpointRefs, block.countryRefs];
  const { chars, ends, hashes, order } = block.ids;
  return [...arrays, chars, ends, hashes, order].map((array) => array.buffer as ArrayBuffer);
}

const NEW_STATUS = ALERT_STATUSES.indexOf('new');
/** What the block's reference columns can address (Uint16, Uint8). */
const MAX_CHECKPOINTS = 0xffff + 1;
const MAX_COUNTRIES = 0xff + 1;
