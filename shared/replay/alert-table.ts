import type { Alert } from '../alerts/lifecycle';
import { IdMap } from '../ops/id-map';

/**
 * The alerts of one moment of an operation, stored so that many moments share almost all of their memory.
 *
 * Alerts are never removed and are raised in log order, so every alert gets a fixed ordinal (its place in
 * raise order) that is the same at every moment of the log. A version of the table is a short array of
 * references to fixed-size chunks of alerts by ordinal, plus how many alerts exist at that moment. Taking a
 * snapshot copies only that array (one pointer per 1,024 alerts); a later write copies just the chunk it
 * touches (copy-on-write). Handling happens within minutes of a raise, so writes land in the last few
 * chunks and a million-alert operation keeps hundreds of snapshots for a few megabytes more than one.
 *
 * A table is a `ReadonlyMap` for readers, iterated in raise order exactly like the reducer's own Map, and
 * has the `has`/`get`/`set` that `foldEventsInPlace` writes through, so the one shared reducer folds into it.
 */
const CHUNK_BITS = 10;
const CHUNK_SIZE = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_SIZE - 1;

export class AlertTable implements ReadonlyMap<string, Alert> {
  private constructor(
    /** Ordinal of every alert raised in the log; shared by every version, since ordinals never change. */
    private readonly ordinals: IdMap<number>,
    private chunks: Alert[][],
    private count: number,
    /** Chunks this version allocated and may write in place; undefined for a frozen version. */
    private owned: Set<number> | undefined,
    /**
     * Alerts raised in an order the log did not have (a caller folded foreign events into a draft). Kept
     * apart so the shared ordinals stay true; empty in normal use.
     */
    private extra: Map<string, Alert> | undefined,
  ) {}

  static empty(): AlertTable {
    return new AlertTable(new IdMap(), [], 0, new Set(), undefined);
  }

  /** A read-only version of this moment. This table stays writable; its next write copies what it shares. */
  freeze(): AlertTable {
    this.owned?.clear();
    return new AlertTable(this.ordinals, this.chunks.slice(), this.count, undefined, this.extra && new Map(this.extra));
  }

  /** A writable version that starts from this one; writes to it never reach this one. */
  draft(): AlertTable {
    return new AlertTable(this.ordinals, this.chunks.slice(), this.count, new Set(), this.extra && new Map(this.extra));
  }

  get size(): number {
    return this.count + (this.extra?.size ?? 0);
  }

  get(id: string): Alert | undefined {
    const ordinal = this.ordinalOf(id);
    if (ordinal !== undefined) return this.chunks[ordinal >> CHUNK_BITS]![ordinal & CHUNK_MASK];
    return this.extra?.get(id);
  }

  has(id: string): boolean {
    return this.ordinalOf(id) !== undefined || (this.extra?.has(id) ?? false);
  }

  set(id: string, alert: Alert): this {
    if (this.owned === undefined) throw new Error('AlertTable: a snapshot is read-only; take a draft() to fold into');
    // One look-up of the id serves both the write in place and the raise.
    const known = this.ordinals.get(id);
    if (known !== undefined && known < this.count) {
      this.writableChunk(known >> CHUNK_BITS)[known & CHUNK_MASK] = alert;
    } else if (this.extra?.has(id) || !this.raiseInLogOrder(id, known, alert)) {
      this.extra ??= new Map();
      this.extra.set(id, alert);
    }
    return this;
  }

  forEach(callback: (alert: Alert, id: string, map: ReadonlyMap<string, Alert>) => void): void {
    for (const [id, alert] of this) callback(alert, id, this);
  }

  *entries(): MapIterator<[string, Alert]> {
    for (const alert of this.values()) yield [alert.id, alert];
  }

  *keys(): MapIterator<string> {
    for (const alert of this.values()) yield alert.id;
  }

  *values(): MapIterator<Alert> {
    for (let ordinal = 0; ordinal < this.count; ordinal += 1) yield this.chunks[ordinal >> CHUNK_BITS]![ordinal & CHUNK_MASK]!;
    if (this.extra) yield* this.extra.values();
  }

  [Symbol.iterator](): MapIterator<[string, Alert]> {
    return this.entries();
  }

  private ordinalOf(id: string): number | undefined {
    const ordinal = this.ordinals.get(id);
    return ordinal !== undefined && ordinal < this.count ? ordinal : undefined;
  }

  /**
   * Appends a new alert at the next ordinal if that agrees with the log; false if this version diverged.
   * `known` is the ordinal the log gave the id, if any version has raised it.
   */
  private raiseInLogOrder(id: string, known: number | undefined, alert: Alert): boolean {
    if (this.extra !== undefined) return false;
    if (known === undefined ? this.count !== this.ordinals.size : known !== this.count) return false;
    if (known === undefined) this.ordinals.set(id, this.count);
    const chunkIndex = this.count >> CHUNK_BITS;
    if (chunkIndex === this.chunks.length) {
      this.chunks.push([]);
      this.owned!.add(chunkIndex);
    }
    this.writableChunk(chunkIndex)[this.count & CHUNK_MASK] = alert;
    this.count += 1;
    return true;
  }

  private writableChunk(index: number): Alert[] {
    if (!this.owned!.has(index)) {
      this.chunks[index] = this.chunks[index]!.slice();
      this.owned!.add(index);
    }
    return this.chunks[index]!;
  }
}
