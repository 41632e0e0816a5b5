import type { Actor, Checkpoint, Hit, Officer, Operation } from '../domain/model';
import type { Command } from '../protocol/commands';
import type { EventOf, OpsEvent, PendingEvent } from '../protocol/events';

/** Small data builders for tests in every layer. Each gives a valid value; override what the test is about. */
export const T0 = Date.UTC(2026, 10, 22, 8, 0, 0);

export function aHit(overrides: Partial<Hit> = {}): Hit {
  return {
    id: 'hit-1',
    operationId: 'op-1',
    checkpointId: 'cp-los',
    country: 'NG',
    at: T0,
    lon: 3.3212,
    lat: 6.5774,
    source: 'sltd',
    score: 0.97,
    severity: 'high',
    recordOwner: 'FR',
    summary: 'Passport reported stolen, presented at arrivals',
    subjectRef: 'subj-1',
    ...overrides,
  };
}

export function hitRaised(seq: number, hit: Partial<Hit> = {}): EventOf<'hit.raised'> {
  return { seq, at: T0 + seq * 1000, type: 'hit.raised', hit: aHit(hit) };
}

export function anOperation(overrides: Partial<Operation> = {}): Operation {
  return {
    id: 'op-1',
    codename: 'HARMATTAN',
    status: 'active',
    phase: 'Screening',
    countries: ['NG', 'BJ'],
    window: { start: T0 },
    counters: { checks: 0, hits: 0, arrests: 0, victimsRescued: 0, documentsSeized: 0 },
    ...overrides,
  };
}

export function aCheckpoint(overrides: Partial<Checkpoint> = {}): Checkpoint {
  return { id: 'cp-los', name: 'Lagos Murtala Muhammed', kind: 'airport', country: 'NG', lon: 3.3212, lat: 6.5774, status: 'online', ...overrides };
}

export function anOfficer(overrides: Partial<Officer> = {}): Officer {
  return { id: 'off-duty', name: 'Ada Duty', role: 'duty-officer', ...overrides };
}

export const officers = {
  wall: anOfficer({ id: 'off-wall', name: 'Wall Display', role: 'observer' }),
  duty: anOfficer(),
  duty2: anOfficer({ id: 'off-duty2', name: 'Bola Second' }),
  lead: anOfficer({ id: 'off-lead', name: 'Lea Lead', role: 'shift-lead' }),
  admin: anOfficer({ id: 'off-admin', name: 'Adm In', role: 'admin' }),
  abuja: anOfficer({ id: 'off-abuja', name: 'Abuja Desk', role: 'duty-officer', scope: 'NG' }),
  cotonou: anOfficer({ id: 'off-cotonou', name: 'Cotonou Desk', role: 'duty-officer', scope: 'BJ' }),
} as const satisfies Record<string, Officer>;

export function actorOf(officer: Officer): Actor {
  return { id: officer.id, name: officer.name };
}

type CommandInput = Command extends infer C ? (C extends Command ? Omit<C, 'mutationId'> & { mutationId?: string } : never) : never;

let mutationCounter = 0;
export function aCommand(command: CommandInput): Command {
  mutationCounter += 1;
  return { mutationId: `mut-test-${String(mutationCounter).padStart(4, '0')}`, ...command } as Command;
}

/** Gives a decided event its place in the log. */
export function logged(event: PendingEvent, seq: number, at = T0 + seq * 1000): OpsEvent {
  return { ...event, seq, at } as OpsEvent;
}
