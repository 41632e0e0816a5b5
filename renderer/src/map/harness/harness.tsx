import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../../i18n';
import { createHitColumns } from '../hit-columns';
import type { MapFilters } from '../categories';
import { WorldMap } from '../WorldMap';
import { syntheticAlerts, syntheticCheckpoints } from './synthetic';
import '../../styles/app.css';

/**
 * A page with only the world map, fed with synthetic data, for the map's end-to-end tests.
 */
const ORIGIN_MS = Date.UTC(2026, 10, 22, 6, 0, 0);
const END_MS = ORIGIN_MS + 6 * 3_600_000;
/** A known critical hit at Lagos airport, on top of the others, for tests to point at. */
export const TARGET = { id: 'hit-target', lon: 3.3212, lat: 6.5774, checkpointId: 'ap-DNMM' } as const;

const checkpoints = syntheticCheckpoints();
const kinds = new Map(checkpoints.map((checkpoint) => [checkpoint.id, checkpoint.kind]));
const ALL: MapFilters = {};

declare global {
  interface Window {
    mapHarness?: { project(lon: number, lat: number): { x: number; y: number }; target: typeof TARGET };
  }
}

function Harness() {
  const [hits] = useState(() => {
    const columns = createHitColumns({ originMs: ORIGIN_MS, kindOf: (id) => kinds.get(id) });
    const alerts = syntheticAlerts({ count: 5000, startMs: ORIGIN_MS, endMs: END_MS - 15 * 60_000, checkpoints });
    const [target] = syntheticAlerts({ count: 1, startMs: END_MS - 5_000, endMs: END_MS - 5_000, checkpoints, seed: 1 });
    columns.append([
      ...alerts,
      {
        ...target!,
        id: TARGET.id,
        status: 'new',
        hit: { ...target!.hit, id: TARGET.id, checkpointId: TARGET.checkpointId, country: 'NG', lon: TARGET.lon, lat: TARGET.lat, severity: 'critical', source: 'red-notice' },
      },
    ]);
    return columns;
  });
  const [selected, setSelected] = useState<string | undefined>(undefined);
  return (
    <div style={{ position: 'fixed', inset: 0, display: 'grid', gridTemplateRows: 'auto 1fr' }}>
      <output data-testid="selected-alert" style={{ padding: 4, fontFamily: 'monospace' }}>
        {selected ?? '-'}
      </output>
      <WorldMap
        hits={hits}
        revision={hits.length}
        checkpoints={checkpoints}
        selectedAlertId={selected}
        onSelectAlert={setSelected}
        filters={ALL}
        window={{ startMs: ORIGIN_MS, endMs: END_MS, trailMs: 2 * 3_600_000 }}
        center={[2.5, 8.5]}
        zoom={4.6}
        onReady={(view) => (window.mapHarness = { project: view.project, target: TARGET })}
      />
    </div>
  );
}

async function start(): Promise<void> {
  await initI18n();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Harness />
    </StrictMode>,
  );
}

void start();
