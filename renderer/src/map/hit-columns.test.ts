import { hitRaised, T0 } from '@watchfloor/shared/testing';
import { ALERT_STATUSES, raiseAlert, SEVERITIES, SOURCES, type Alert, type AlertStatus, type Hit } from '@watchfloor/shared';
import { describe, expect, it } from 'vitest';
import { filterCategoriesFor, HIDDEN_KEY, OVERFLOW_COUNTRY_SLOT, severityStatusKey, sourceKey } from './categories';
import { createHitBuffers, type GpuBuffer } from './hit-buffers';
import { createHitColumns, type HitColumnBlock, type HitColumns } from './hit-columns';
import { hitFill, hitLine, hitLineWidth, SEVERITY_RADIUS } from './palette';

function anAlert(n: number, hit: Partial<Hit> = {}, status: AlertStatus = 'new'): Alert {
  return { ...raiseAlert(hitRaised(n, { id: `hit-${n}`, at: T0 + n * 1000, lon: n % 10, lat: n % 7, ...hit })), status };
}

const alerts = (from: number, count: number, hit: Partial<Hit> = {}) =>
  Array.from({ length: count }, (_, i) => anAlert(from + i, hit));

/** A fake GPU buffer that records every write, so tests can count the bytes that would cross to the GPU. */
function recordingDevice() {
  const writes: { buffer: number; byteOffset: number; byteLength: number }[] = [];
  const created: number[] = [];
  const destroyed: number[] = [];
  const createBuffer = (byteLength: number): GpuBuffer => {
    const id = created.length;
    created.push(byteLength);
    return {
      write: (data, byteOffset) => writes.push({ buffer: id, byteOffset, byteLength: data.byteLength }),
      destroy: () => destroyed.push(id),
    };
  };
  return { writes, created, destroyed, createBuffer };
}

describe('HitColumns', () => {
  it('given columns of capacity 4, when 10 hits are appended, then they grow and keep every earlier row', () => {
    const columns = createHitColumns({ originMs: T0, initialCapacity: 4 });
    columns.append(alerts(1, 3));
    const generation = columns.generation;
    columns.append(alerts(4, 7));
    expect(columns.length).toBe(10);
    expect(columns.capacity).toBe(16);
    expect(columns.generation).toBeGreaterThan(generation);
    for (let row = 0; row < 10; row++) {
      const n = row + 1;
      expect(columns.alertIdAt(row)).toBe(`hit-${n}`);
      expect([columns.positions[row * 2], columns.positions[row * 2 + 1]]).toEqual([n % 10, n % 7]);
      expect(columns.times[row]).toBe(n);
      expect(columns.atMs[row]).toBe(T0 + n * 1000);
    }
  });

  it('given a batch that names one alert twice, when appended, then it gets one row with the later status, counted once at its checkpoint', () => {
    const columns = createHitColumns({ originMs: T0 });
    expect(columns.append([anAlert(1), anAlert(2), anAlert(2, {}, 'acknowledged')])).toBe(2);
    expect(columns.rowOf('hit-2')).toBe(1);
    expect(columns.alertIdAt(2)).toBeUndefined();
    expect(columns.categories[1 * 4]).toBe(severityStatusKey('high', 'acknowledged'));
    const checkpoint = columns.checkpointIdAt(1)!;
    expect([...columns.rowsAt(checkpoint)].sort()).toEqual([0, 1]);
    expect(columns.openAt(checkpoint)).toBe(2);
  });

  it('given a held alert, when its row is hidden and shown again, then it is drawn by no filter meanwhile and gets back its severity', () => {
    const columns = createHitColumns({ originMs: T0 });
    columns.append(alerts(1, 3, { severity: 'critical' }));
    columns.takeRewrittenRows();

    expect(columns.setStatus('hit-2', undefined)).toBe(true);
    expect(columns.categories[1 * 4]).toBe(HIDDEN_KEY);
    expect(filterCategoriesFor({}, columns.countrySlots)[0]).not.toContain(HIDDEN_KEY);
    expect(columns.takeRewrittenRows()).toEqual([1]);

    columns.setStatus('hit-2', 'escalated');
    expect(columns.categories[1 * 4]).toBe(severityStatusKey('critical', 'escalated'));
    expect([...columns.fillColors.subarray(4, 8)]).toEqual([...hitFill('critical', 'escalated')]);
    expect(columns.takeRewrittenRows()).toEqual([1]);
  });

  it('given hits reported from before the columns\' origin, then the earliest hit held is known, for a window that shows them all', () => {
    const columns = createHitColumns({ originMs: T0 + 10_000 });
    expect(columns.earliestMs).toBe(Number.POSITIVE_INFINITY);
    columns.append([anAlert(20), anAlert(3), anAlert(7)]);
    expect(columns.earliestMs).toBe(T0 + 3_000);
    expect(columns.times[1]).toBe(-7);
  });

  it('given an operation of six months, when a hit arrives at its end, then its float32 time is exact to the second', () => {
    const columns = createHitColumns({ originMs: T0 });
    const sixMonthsAndASecond = 182 * 86_400_000 + 1000;
    columns.append([anAlert(1, { at: T0 + sixMonthsAndASecond })]);
    expect(columns.times[0]).toBe(sixMonthsAndASecond / 1000);
  });

  it('given a held alert, when its status changes, then only its row is rewritten with the new category and look', () => {
    const columns = createHitColumns({ originMs: T0 });
    columns.append(alerts(1, 5, { severity: 'critical' }));
    const fillBefore = columns.fillColors.slice();
    expect(columns.setStatus('hit-3', 'resolved')).toBe(true);
    expect(columns.categories[2 * 4]).toBe(severityStatusKey('critical', 'resolved'));
    expect(columns.takeRewrittenRows()).toEqual([2]);
    expect(columns.takeRewrittenRows()).toEqual([]);
    const changedBytes = [...columns.fillColors.subarray(0, 20)].flatMap((value, i) => (value !== fillBefore[i] ? [i] : []));
    expect(changedBytes).toEqual([11]);
    expect(columns.setStatus('no-such-alert', 'resolved')).toBe(false);
  });

  it('given an alert already held, when it is appended again, then no row is added and its status is updated', () => {
    const columns = createHitColumns({ originMs: T0 });
    columns.append(alerts(1, 2));
    expect(columns.append([anAlert(2, {}, 'acknowledged')])).toBe(0);
    expect(columns.length).toBe(2);
    expect(columns.categories[4]).toBe(severityStatusKey('high', 'acknowledged'));
  });

  it('given hits from several countries and checkpoint kinds, when appended, then their categories are encoded per channel', () => {
    const columns = createHitColumns({ originMs: T0, kindOf: (id) => (id === 'cp-los' ? 'airport' : undefined) });
    columns.append([anAlert(1, { country: 'NG', source: 'red-notice' }), anAlert(2, { country: 'BJ', checkpointId: 'cp-x' })]);
    expect([...columns.categories.subarray(0, 8)]).toEqual([
      severityStatusKey('high', 'new'), sourceKey('red-notice'), 0, 0,
      severityStatusKey('high', 'new'), sourceKey('sltd'), 5, 1,
    ]);
    expect(columns.checkpointIdAt(1)).toBe('cp-x');
  });

  it('given an escalated critical alert, when appended, then its row carries exactly the palette colours byte for byte', () => {
    const columns = createHitColumns({ originMs: T0 });
    columns.append([anAlert(1, { severity: 'critical' }, 'escalated')]);
    expect([...columns.fillColors.subarray(0, 4)]).toEqual([...hitFill('critical', 'escalated')]);
    expect([...columns.lineColors.subarray(0, 4)]).toEqual([...hitLine('critical', 'escalated')]);
    expect(columns.radii[0]).toBe(SEVERITY_RADIUS.critical);
    expect(columns.lineWidths[0]).toBe(hitLineWidth('critical', 'escalated'));
  });
});

/** The same alerts column by column, as the cache's chunks hold them. */
function blockOf(list: readonly Alert[]): HitColumnBlock {
  const checkpoints = [...new Set(list.map((alert) => alert.hit.checkpointId))];
  const countries = [...new Set(list.map((alert) => alert.hit.country))];
  return {
    count: list.length,
    ids: list.map((alert) => alert.id).join('\n'),
    positions: Float32Array.from(list.flatMap((alert) => [alert.hit.lon, alert.hit.lat])),
    atMs: Float64Array.from(list, (alert) => alert.hit.at),
    severities: Uint8Array.from(list, (alert) => SEVERITIES.indexOf(alert.hit.severity)),
    statuses: Uint8Array.from(list, (alert) => ALERT_STATUSES.indexOf(alert.status)),
    sources: Uint8Array.from(list, (alert) => SOURCES.indexOf(alert.hit.source)),
    checkpointRefs: Uint16Array.from(list, (alert) => checkpoints.indexOf(alert.hit.checkpointId)),
    checkpoints,
    countryRefs: Uint8Array.from(list, (alert) => countries.indexOf(alert.hit.country)),
    countries,
  };
}

/** Everything a caller can read from the columns, row by row. */
function contentsOf(columns: HitColumns) {
  const n = columns.length;
  return {
    length: n,
    ids: Array.from({ length: n }, (_, row) => columns.alertIdAt(row)),
    checkpoints: Array.from({ length: n }, (_, row) => columns.checkpointIdAt(row)),
    positions: [...columns.positions.subarray(0, n * 2)],
    times: [...columns.times.subarray(0, n)],
    atMs: [...columns.atMs.subarray(0, n)],
    categories: [...columns.categories.subarray(0, n * 4)],
    fillColors: [...columns.fillColors.subarray(0, n * 4)],
    lineColors: [...columns.lineColors.subarray(0, n * 4)],
    radii: [...columns.radii.subarray(0, n)],
    lineWidths: [...columns.lineWidths.subarray(0, n)],
    countries: [...columns.countrySlots.countries],
    latestCriticalMs: columns.latestCriticalMs,
    earliestMs: columns.earliestMs,
  };
}

describe('HitColumns.appendColumns (bulk, from cached chunks)', () => {
  const mixed = () => [
    anAlert(1, { country: 'NG', severity: 'critical', checkpointId: 'cp-los' }),
    anAlert(2, { country: 'BJ', source: 'red-notice', checkpointId: 'cp-x' }, 'acknowledged'),
    anAlert(3, { country: 'NG', severity: 'low', lon: -179.5, lat: 89 }, 'resolved'),
    anAlert(4, { country: 'GH', severity: 'critical', checkpointId: 'cp-x' }, 'escalated'),
  ];
  const kindOf = (id: string) => (id === 'cp-los' ? 'airport' : undefined);

  it('given chunks of hits, when appended in bulk, then the columns equal those of appending the same alerts one by one', () => {
    const perHit = createHitColumns({ originMs: T0, initialCapacity: 2, kindOf });
    const bulk = createHitColumns({ originMs: T0, initialCapacity: 2, kindOf });
    const list = [...mixed(), ...alerts(5, 40)];

    perHit.append(list);
    expect(bulk.appendColumns(blockOf(list.slice(0, 3)))).toBe(3);
    expect(bulk.appendColumns(blockOf(list.slice(3)))).toBe(list.length - 3);

    expect(contentsOf(bulk)).toEqual(contentsOf(perHit));
    expect(bulk.rowOf('hit-4')).toBe(3);
  });

  it('given alerts already held, when a block holds them again, then no row is added and their status is rewritten', () => {
    const columns = createHitColumns({ originMs: T0 });
    columns.append(alerts(1, 3));
    columns.takeRewrittenRows();

    const added = columns.appendColumns(blockOf([anAlert(2, {}, 'resolved'), anAlert(4)]));

    expect(added).toBe(1);
    expect(columns.length).toBe(4);
    expect(columns.categories[1 * 4]).toBe(severityStatusKey('high', 'resolved'));
    expect(columns.takeRewrittenRows()).toEqual([1]);
    expect(columns.alertIdAt(3)).toBe('hit-4');
  });

  it('given a block that holds one hit twice, when appended, then the hit gets one row with the later status, counted once at its checkpoint', () => {
    const columns = createHitColumns({ originMs: T0 });
    expect(columns.appendColumns(blockOf([...alerts(1, 3), anAlert(2, {}, 'resolved')]))).toBe(3);
    expect(columns.rowOf('hit-2')).toBe(1);
    expect(columns.categories[1 * 4]).toBe(severityStatusKey('high', 'resolved'));
    const checkpoint = columns.checkpointIdAt(1)!;
    expect([...columns.rowsAt(checkpoint)].sort()).toEqual([0, 1, 2]);
    expect(columns.openAt(checkpoint)).toBe(2);
  });

  it('given a block whose ids do not match its count, when appended, then it is refused and nothing changes', () => {
    const columns = createHitColumns({ originMs: T0, initialCapacity: 2 });
    columns.append(alerts(1, 2));
    const block = { ...blockOf(alerts(3, 2)), ids: 'hit-3' };
    expect(() => columns.appendColumns(block)).toThrow(/2 hits came with 1 ids/);
    expect(contentsOf(columns)).toEqual(contentsOf((() => {
      const expected = createHitColumns({ originMs: T0, initialCapacity: 2 });
      expected.append(alerts(1, 2));
      return expected;
    })()));
    expect(columns.capacity).toBe(2);
  });
});

describe('map filters as GPU categories', () => {
  it('given no filter, when mapped, then every severity-status key and every slot of the other channels is drawn', () => {
    const columns = createHitColumns({ originMs: T0 });
    const [severityStatus, sources, kinds, countries] = filterCategoriesFor({}, columns.countrySlots);
    expect(severityStatus).toHaveLength(20);
    expect(sources).toContain(sourceKey('dna'));
    expect(kinds).toContain(5);
    expect(countries).toContain(OVERFLOW_COUNTRY_SLOT);
  });

  it('given critical and high open alerts only, from red notices, in Benin, when mapped, then only those keys are drawn', () => {
    const columns = createHitColumns({ originMs: T0 });
    columns.append([anAlert(1, { country: 'NG' }), anAlert(2, { country: 'BJ' })]);
    const categories = filterCategoriesFor(
      { severities: ['critical', 'high'], statuses: ['new', 'escalated'], sources: ['red-notice'], countries: ['BJ', 'GH'], checkpointKinds: ['airport'] },
      columns.countrySlots,
    );
    expect(categories).toEqual([
      [severityStatusKey('critical', 'new'), severityStatusKey('critical', 'escalated'), severityStatusKey('high', 'new'), severityStatusKey('high', 'escalated')],
      [sourceKey('red-notice')],
      [0],
      [1],
    ]);
  });

  it('given an empty severity selection, when mapped, then that channel selects nothing', () => {
    const columns = createHitColumns({ originMs: T0 });
    expect(filterCategoriesFor({ severities: [] }, columns.countrySlots)[0]).toEqual([]);
  });
});

describe('HitBuffers (GPU mirror of the columns)', () => {
  it('given 1,000 uploaded hits, when 50 more are appended, then only the 50 new rows are written to each buffer', () => {
    const device = recordingDevice();
    const columns = createHitColumns({ originMs: T0, initialCapacity: 2048 });
    const buffers = createHitBuffers(device.createBuffer);
    columns.append(alerts(1, 1000));
    const before = buffers.sync(columns, columns.takeRewrittenRows());
    device.writes.length = 0;

    columns.append(alerts(1001, 50));
    const data = buffers.sync(columns, columns.takeRewrittenRows());

    expect(data.rows).toBe(1050);
    // Same buffers, same deck data: deck re-links no attribute, it only draws more rows.
    expect(data.table).toBe(before.table);
    expect(data.rewrites).toBe(before.rewrites);
    expect(device.writes).toHaveLength(7);
    const bytesPerRow = 8 + 4 + 4 + 4 + 4 + 4 + 4;
    expect(device.writes.reduce((sum, write) => sum + write.byteLength, 0)).toBe(50 * bytesPerRow);
    const positions = device.writes.find((write) => write.buffer === 0)!;
    expect(positions).toEqual({ buffer: 0, byteOffset: 1000 * 8, byteLength: 50 * 8 });
  });

  it('given uploaded hits, when one alert changes status, then one row is written and the layer data changes', () => {
    const device = recordingDevice();
    const columns = createHitColumns({ originMs: T0 });
    const buffers = createHitBuffers(device.createBuffer);
    columns.append(alerts(1, 100));
    const before = buffers.sync(columns, columns.takeRewrittenRows());
    device.writes.length = 0;

    columns.setStatus('hit-42', 'acknowledged');
    const after = buffers.sync(columns, columns.takeRewrittenRows());

    expect(after).not.toBe(before);
    expect(after.table).toBe(before.table);
    expect(after.rewrites).toBe(before.rewrites + 1);
    expect(device.writes.map((write) => write.byteOffset / (write.byteLength || 1))).toEqual([41, 41, 41, 41, 41, 41, 41]);
  });

  it('given nothing changed, when synced again, then nothing is written and the same data object is returned', () => {
    const device = recordingDevice();
    const columns = createHitColumns({ originMs: T0 });
    const buffers = createHitBuffers(device.createBuffer);
    columns.append(alerts(1, 10));
    const first = buffers.sync(columns, columns.takeRewrittenRows());
    device.writes.length = 0;
    expect(buffers.sync(columns, columns.takeRewrittenRows())).toBe(first);
    expect(device.writes).toEqual([]);
  });

  it('given full columns, when they grow, then new buffers are filled once and the old ones are released only on request', () => {
    const device = recordingDevice();
    const columns = createHitColumns({ originMs: T0, initialCapacity: 8 });
    const buffers = createHitBuffers(device.createBuffer);
    columns.append(alerts(1, 8));
    buffers.sync(columns, columns.takeRewrittenRows());
    columns.append(alerts(9, 1));
    const data = buffers.sync(columns, columns.takeRewrittenRows());
    expect(device.created).toHaveLength(14);
    expect(device.created[7]).toBe(16 * 8);
    expect(device.destroyed).toEqual([]);
    expect(data.table.attributes.instancePositions!.buffer).not.toBe(undefined);
    buffers.releaseRetired();
    expect(device.destroyed).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
});
