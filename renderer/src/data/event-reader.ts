import { EVENT_TYPES, OpsEvent, describeIssues, parseWith } from '@watchfloor/shared';
import type { UnreadableEvent } from './worker-protocol';

/**
 * Reads the hub's events one by one, so an event that breaks the protocol costs that event and not the
 * batch or history page around it. An event of a type this console does not know is a newer hub's
 * protocol extension (docs/protocol.md): it is skipped, not counted as unreadable.
 */
export interface ReadEvents {
  /** The readable events, in the order they came. */
  readonly events: readonly OpsEvent[];
  readonly unreadable: readonly UnreadableEvent[];
  /** Types of the events skipped as protocol extensions, once each. */
  readonly skippedTypes: readonly string[];
}

/** Long enough to name the fields at fault, short enough for a log line. */
const PROBLEM_MAX_CHARS = 300;
const KNOWN_TYPES: ReadonlySet<string> = new Set(EVENT_TYPES);

export function readEvents(items: readonly unknown[]): ReadEvents {
  const events: OpsEvent[] = [];
  const unreadable: UnreadableEvent[] = [];
  const skippedTypes = new Set<string>();
  for (const item of items) {
    const type = fieldOf(item, 'type');
    if (typeof type === 'string' && !KNOWN_TYPES.has(type)) {
      skippedTypes.add(type);
      continue;
    }
    const parsed = parseWith(OpsEvent, item);
    if (parsed.ok) {
      events.push(parsed.value);
      continue;
    }
    const seq = fieldOf(item, 'seq');
    const problem = describeIssues(parsed.issues).slice(0, PROBLEM_MAX_CHARS);
    unreadable.push(typeof seq === 'number' && Number.isSafeInteger(seq) && seq > 0 ? { seq, problem } : { problem });
  }
  return { events, unreadable, skippedTypes: [...skippedTypes] };
}

function fieldOf(item: unknown, field: string): unknown {
  return typeof item === 'object' && item !== null ? (item as Record<string, unknown>)[field] : undefined;
}
