import type { HitColumns } from './hit-columns';

/**
 * The GPU side of `HitColumns` or `HitPiles`: one vertex buffer per column, handed to deck.gl layers as external buffers.
 *
 * Why own buffers: deck.gl uploads a binary attribute given as a typed array whole whenever the array (or
 * `data`) changes, and skips it when the array is the same object, so appending to typed-array attributes
 * costs O(all rows) per append. `_dataDiff` only narrows updates of accessor-computed attributes. A luma
 * `Buffer` given in `data.attributes` under the attribute's own name is bound as it is (deck's "external
 * buffer"), so we write just the new byte range with `buffer.write(subarray, byteOffset)` (bufferSubData):
 * O(new rows). The buffers are sized to the columns' capacity; growth (doubling) is the one full upload.
 * Picking costs nothing per row: deck 9.4's ScatterplotLayer derives picking colours from gl_InstanceID.
 */
export interface GpuBuffer {
  write(data: ArrayBufferView, byteOffset: number): void;
  destroy(): void;
}

export type CreateGpuBuffer = (byteLength: number) => GpuBuffer;

type ColumnName = 'positions' | 'times' | 'categories' | 'fillColors' | 'lineColors' | 'radii' | 'lineWidths';

/** Rows laid out as the GPU reads them: the hits themselves (`HitColumns`) or their piles (`HitPiles`). */
export type GpuColumns = Pick<HitColumns, ColumnName | 'length' | 'capacity' | 'generation'>;

interface ColumnBinding {
  /** deck.gl's attribute name, so the buffer is taken as-is (step 1 of deck's AttributeManager.update). */
  readonly attribute: string;
  readonly column: ColumnName;
  readonly size: number;
  readonly type: 'float32' | 'uint8' | 'unorm8';
}

/** Attribute names of ScatterplotLayer 9.4 and DataFilterExtension 9.4. */
export const HIT_COLUMN_BINDINGS: readonly ColumnBinding[] = [
  { attribute: 'instancePositions', column: 'positions', size: 2, type: 'float32' },
  { attribute: 'filterValues', column: 'times', size: 1, type: 'float32' },
  { attribute: 'filterCategoryValues', column: 'categories', size: 4, type: 'uint8' },
  { attribute: 'instanceFillColors', column: 'fillColors', size: 4, type: 'unorm8' },
  { attribute: 'instanceLineColors', column: 'lineColors', size: 4, type: 'unorm8' },
  { attribute: 'instanceRadius', column: 'radii', size: 1, type: 'float32' },
  { attribute: 'instanceLineWidths', column: 'lineWidths', size: 1, type: 'float32' },
];

export interface ExternalAttribute {
  readonly buffer: GpuBuffer;
  readonly size: number;
  readonly type: ColumnBinding['type'];
  /** Always given: deck.gl would derive it from the attribute's declared type (float64 positions, uint32 categories). */
  readonly stride: number;
}

const BYTES: Readonly<Record<ColumnBinding['type'], number>> = { float32: 4, uint8: 1, unorm8: 1 };

/**
 * deck.gl binary `data`: the buffers by attribute name. The same object for as long as the buffers are the
 * same (until the columns grow), because a new `data` makes deck treat every attribute as changed and
 * re-link them all to the layer's model, a fixed cost of about a millisecond per layer on every append.
 */
export interface HitTable {
  readonly attributes: Readonly<Record<string, ExternalAttribute>>;
}

/** What the hit layers draw; a new object whenever anything changed, so the layers update and redraw. */
export interface HitLayerData {
  readonly table: HitTable;
  /** Rows to draw: deck's `numInstances`, which is all an append changes on deck's side. */
  readonly rows: number;
  /** Counts syncs that rewrote rows already drawn (a status changed their look and category). */
  readonly rewrites: number;
}

export interface HitBuffers {
  /** Uploads what changed since the last sync (new rows, the rows given as rewritten) and returns the layer data. */
  sync(columns: GpuColumns, rewritten: readonly number[]): HitLayerData;
  /** Destroys buffers replaced by growth; call once the layers using the new ones have been set. */
  releaseRetired(): void;
  destroy(): void;
}

/** Above this many scattered rewrites, one write spanning them is cheaper than many small ones. */
const MAX_SINGLE_ROW_WRITES = 64;

export function createHitBuffers(createBuffer: CreateGpuBuffer): HitBuffers {
  let buffers: GpuBuffer[] = [];
  let retired: GpuBuffer[] = [];
  let table: HitTable = { attributes: {} };
  let generation = -1;
  let capacity = 0;
  let uploadedRows = 0;
  let data: HitLayerData = { table, rows: 0, rewrites: 0 };

  function writeRows(columns: GpuColumns, startRow: number, endRow: number): void {
    HIT_COLUMN_BINDINGS.forEach((binding, index) => {
      const column = columns[binding.column];
      const perRow = column.length / columns.capacity;
      const view = column.subarray(startRow * perRow, endRow * perRow);
      buffers[index]!.write(view, startRow * perRow * column.BYTES_PER_ELEMENT);
    });
  }

  function reallocate(columns: GpuColumns): void {
    retired.push(...buffers);
    buffers = HIT_COLUMN_BINDINGS.map((binding) => createBuffer(columns[binding.column].byteLength));
    table = {
      attributes: Object.fromEntries(
        HIT_COLUMN_BINDINGS.map((binding, index) => [
          binding.attribute,
          { buffer: buffers[index]!, size: binding.size, type: binding.type, stride: binding.size * BYTES[binding.type] },
        ]),
      ),
    };
    generation = columns.generation;
    capacity = columns.capacity;
    uploadedRows = 0;
  }

  return {
    sync(columns, rewritten) {
      if (columns.generation !== generation || columns.capacity !== capacity) reallocate(columns);
      const oldRows = rewritten.filter((row) => row < uploadedRows);
      const changed = uploadedRows !== columns.length || oldRows.length > 0 || data.table !== table;
      if (uploadedRows < columns.length) writeRows(columns, uploadedRows, columns.length);
      if (oldRows.length > MAX_SINGLE_ROW_WRITES) {
        let first = Number.POSITIVE_INFINITY;
        let last = 0;
        for (const row of oldRows) {
          first = Math.min(first, row);
          last = Math.max(last, row);
        }
        writeRows(columns, first, last + 1);
      } else {
        for (const row of oldRows) writeRows(columns, row, row + 1);
      }
      uploadedRows = columns.length;
      if (changed) data = { table, rows: columns.length, rewrites: data.rewrites + (oldRows.length > 0 ? 1 : 0) };
      return data;
    },
    releaseRetired() {
      for (const buffer of retired) buffer.destroy();
      retired = [];
    },
    destroy() {
      for (const buffer of [...buffers, ...retired]) buffer.destroy();
      buffers = [];
      retired = [];
    },
  };
}
