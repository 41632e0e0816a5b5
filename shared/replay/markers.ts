import type { CheckpointStatus, EscalationLevel } from '../domain/model';
import type { OpsEvent } from '../protocol/events';

/**
 * What the timeline bar marks: escalations, operation phase changes and checkpoint outages, taken from
 * events as they are appended (O(batch)). An outage runs from a checkpoint leaving `online` until it is
 * online again; `until` stays undefined while it lasts.
 */
export type TimelineMarker =
  | {
      readonly kind: 'escalation';
      readonly at: number;
      readonly seq: number;
      readonly alertId: string;
      readonly level: EscalationLevel;
      readonly auto: boolean;
    }
  | {
      readonly kind: 'phase';
      readonly at: number;
      readonly seq: number;
      readonly operationId: string;
      readonly phase: string;
      readonly previous: string | undefined;
    }
  | {
      readonly kind: 'outage';
      readonly at: number;
      readonly seq: number;
      readonly checkpointId: string;
      /** The worst status seen during the outage. */
      readonly status: Exclude<CheckpointStatus, 'online'>;
      readonly until: number | undefined;
    };

export interface MarkerTrack {
  /** In log order (ascending `at`). */
  readonly markers: readonly TimelineMarker[];
  add(events: Iterable<OpsEvent>): void;
  /** Markers that start in `[from, to]`, plus outages that started earlier and still overlap it. */
  between(from: number, to: number): TimelineMarker[];
}

export function createMarkerTrack(): MarkerTrack {
  const markers: TimelineMarker[] = [];
  const phases = new Map<string, string>();
  /** Index in `markers` of each checkpoint's outage in progress. */
  const openOutages = new Map<string, number>();

  function add(event: OpsEvent): void {
    switch (event.type) {
      case 'alert.escalated':
        markers.push({ kind: 'escalation', at: event.at, seq: event.seq, alertId: event.alertId, level: event.level, auto: event.auto });
        return;
      case 'operation.updated': {
        const previous = phases.get(event.operation.id);
        if (previous === event.operation.phase) return;
        phases.set(event.operation.id, event.operation.phase);
        markers.push({ kind: 'phase', at: event.at, seq: event.seq, operationId: event.operation.id, phase: event.operation.phase, previous });
        return;
      }
      case 'checkpoint.updated': {
        const { id, status } = event.checkpoint;
        const open = openOutages.get(id);
        const outage = open === undefined ? undefined : markers[open];
        if (outage?.kind !== 'outage') {
          if (status === 'online') return;
          openOutages.set(id, markers.length);
          markers.push({ kind: 'outage', at: event.at, seq: event.seq, checkpointId: id, status, until: undefined });
        } else if (status === 'online') {
          markers[open!] = { ...outage, until: event.at };
          openOutages.delete(id);
        } else if (status === 'offline' && outage.status === 'degraded') {
          markers[open!] = { ...outage, status };
        }
        return;
      }
      default:
        return;
    }
  }

  return {
    markers,
    add(events) {
      for (const event of events) add(event);
    },
    between(from, to) {
      let low = 0;
      let high = markers.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (markers[mid]!.at < from) low = mid + 1;
        else high = mid;
      }
      const overlapping = markers.slice(0, low).filter((marker) => marker.kind === 'outage' && (marker.until === undefined || marker.until >= from));
      const inRange: TimelineMarker[] = [];
      for (let index = low; index < markers.length && markers[index]!.at <= to; index += 1) inRange.push(markers[index]!);
      return [...overlapping, ...inRange];
    },
  };
}
