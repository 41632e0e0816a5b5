import { mulberry32, type CheckpointKind, type IngestHitBody, type SourceDatabase } from '@watchfloor/shared';

/**
 * The simulated operation's dice: which checkpoint screens a match, against which database, with what
 * score and summary, and when bursts and quiet hours come. Pure and seeded, so the same `--seed` plays the
 * same operation.
 */
export type Random = () => number;


/** Arrivals in an interval with `mean` expected ones (Knuth's method; means per tick stay small). */
export function poisson(random: Random, mean: number): number {
  if (mean <= 0) return 0;
  const limit = Math.exp(-mean);
  let count = -1;
  let product = 1;
  do {
    count += 1;
    product *= random();
  } while (product > limit);
  return count;
}

export function pickWeighted<T>(random: Random, options: readonly (readonly [T, number])[]): T {
  const total = options.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [value, weight] of options) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return options[options.length - 1]![0];
}

/** Database mix per checkpoint kind, after the shape of West African screening operations. */
const SOURCE_MIX: Readonly<Record<CheckpointKind, readonly (readonly [SourceDatabase, number])[]>> = {
  airport: [['sltd', 45], ['nominal', 14], ['red-notice', 4], ['diffusion', 8], ['face', 12], ['fingerprint', 12], ['firearms', 2], ['dna', 1]],
  seaport: [['sltd', 30], ['smv', 28], ['nominal', 14], ['firearms', 8], ['diffusion', 6], ['red-notice', 3], ['fingerprint', 8], ['face', 3]],
  'land-border': [['sltd', 34], ['smv', 22], ['nominal', 16], ['firearms', 7], ['diffusion', 7], ['red-notice', 3], ['fingerprint', 8], ['face', 3]],
  market: [['nominal', 30], ['firearms', 14], ['face', 18], ['fingerprint', 12], ['sltd', 12], ['smv', 8], ['diffusion', 5], ['dna', 1]],
  mobile: [['nominal', 25], ['sltd', 25], ['smv', 20], ['fingerprint', 15], ['firearms', 10], ['diffusion', 5]],
};

const RECORD_OWNERS: readonly (readonly [string, number])[] = [
  ['NG', 18], ['BJ', 10], ['FR', 9], ['IT', 7], ['ES', 6], ['GB', 6], ['DE', 5], ['GH', 6], ['TG', 4],
  ['NE', 4], ['CM', 4], ['BE', 3], ['NL', 3], ['US', 4], ['CI', 3], ['SN', 2], ['ZA', 2], ['AE', 2],
];

const SUMMARIES: Readonly<Record<SourceDatabase, readonly string[]>> = {
  sltd: [
    'Passport reported stolen in {owner}, presented at {point}',
    'Travel document recorded as lost by {owner}, flagged at {point}',
    'Blank passport from a batch stolen in {owner}, presented at {point}',
  ],
  'red-notice': [
    'Red notice requested by {owner}: identity match at {point}',
    'Person wanted by {owner} for trafficking in human beings, match at {point}',
  ],
  diffusion: [
    'Diffusion from {owner}: person sought to locate, match at {point}',
    'Diffusion from {owner}: missing minor, possible match at {point}',
  ],
  nominal: [
    'Nominal record shared by {owner}: suspected trafficking facilitator, match at {point}',
    'Nominal record shared by {owner}: known smuggling network member, match at {point}',
  ],
  smv: [
    'Vehicle reported stolen in {owner}: chassis number match at {point}',
    'Vehicle reported stolen in {owner}: plate and engine number match at {point}',
  ],
  firearms: [
    'Firearm serial number matches a weapon reported stolen in {owner}, found at {point}',
    'Firearm traced to a seizure recorded by {owner}, found at {point}',
  ],
  fingerprint: ['Fingerprint match against a record shared by {owner}, taken at {point}'],
  face: ['Facial image candidate match against a record shared by {owner}; visual check needed at {point}'],
  dna: ['DNA profile match reported by the {owner} laboratory, sample from {point}'],
};

const POINTS: Readonly<Record<CheckpointKind, readonly string[]>> = {
  airport: ['arrivals primary inspection', 'departures passport control', 'transit desk'],
  seaport: ['container terminal gate', 'passenger terminal', 'vehicle roll-on ramp'],
  'land-border': ['passenger lane', 'freight lane', 'bus inspection bay'],
  market: ['joint patrol check', 'warehouse inspection', 'vendor stall check'],
  mobile: ['roadside check', 'vehicle stop'],
};

const SCORE_RANGE: Readonly<Record<SourceDatabase, readonly [number, number]>> = {
  sltd: [0.86, 1],
  'red-notice': [0.78, 0.999],
  diffusion: [0.7, 0.99],
  nominal: [0.55, 0.97],
  smv: [0.88, 1],
  firearms: [0.9, 1],
  fingerprint: [0.72, 0.999],
  face: [0.58, 0.97],
  dna: [0.9, 0.999],
};

const GIVEN = ['A.', 'B.', 'C.', 'D.', 'E.', 'F.', 'G.', 'H.', 'I.', 'J.', 'K.', 'L.'];
const FAMILY = ['SAMPLE', 'EXAMPLE', 'TESTCASE', 'SIMULATED', 'FICTITIOUS', 'PLACEHOLDER'];

export interface ScenarioCheckpoint {
  readonly id: string;
  readonly kind: CheckpointKind;
  readonly country: string;
}

/** How busy the hour is (UTC+1, West Africa): quiet at night, peaks at flight arrivals and markets. */
export function hourlyActivity(epochMs: number): number {
  const hour = (new Date(epochMs).getUTCHours() + 1) % 24;
  if (hour < 5) return 0.25;
  if (hour < 7) return 0.6;
  if ((hour >= 8 && hour < 11) || (hour >= 17 && hour < 21)) return 1.5;
  return 1;
}

export interface Scenario {
  /** A hit as a checkpoint system would post it to `/api/v1/hits`. */
  nextHit(at: number, checkpoint?: ScenarioCheckpoint): IngestHitBody;
  pickCheckpoint(): ScenarioCheckpoint;
  readonly random: Random;
}

export function createScenario(
  seed: number,
  operationId: string,
  regional: readonly ScenarioCheckpoint[],
  worldwide: readonly ScenarioCheckpoint[],
  externalPrefix: string,
): Scenario {
  const random = mulberry32(seed);
  let counter = 0;
  const pickFrom = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const pickCheckpoint = () => (worldwide.length > 0 && random() < 0.3 ? pickFrom(worldwide) : pickFrom(regional));
  return {
    random,
    pickCheckpoint,
    nextHit(at, chosen) {
      counter += 1;
      const checkpoint = chosen ?? pickCheckpoint();
      const source = pickWeighted(random, SOURCE_MIX[checkpoint.kind]);
      const owner = pickWeighted(random, RECORD_OWNERS);
      const [low, high] = SCORE_RANGE[source];
      const score = Math.round((low + random() * (high - low)) * 1000) / 1000;
      const summary = pickFrom(SUMMARIES[source]).replace('{owner}', owner).replace('{point}', pickFrom(POINTS[checkpoint.kind]));
      return {
        externalId: `${externalPrefix}-${counter}`,
        operationId,
        checkpointId: checkpoint.id,
        at,
        source,
        score,
        summary,
        recordOwner: owner,
        subject: {
          name: `${pickFrom(GIVEN)} ${pickFrom(FAMILY)}`,
          documentNumber: `X${Math.floor(random() * 1e8).toString().padStart(8, '0')}`,
          nationality: owner,
          note: 'Simulated subject: not a real person',
        },
      };
    },
  };
}
