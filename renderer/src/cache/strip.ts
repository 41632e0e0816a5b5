import { OpsEvent } from '@watchfloor/shared';
import type { z } from 'zod';

/**
 * Keeps exactly the keys the protocol schema declares, at every depth, and drops the rest: a field the hub
 * (or a future protocol version) adds, personal or not, never reaches the disk. The events were validated
 * with the same schema where they entered (the data-plane worker); a full zod re-parse here cost ~90 µs per
 * event on the UI thread, this projection a few µs, and the projection is derived from the schema, so the
 * two cannot drift apart.
 */
type Projector = (value: unknown) => unknown;

interface Def {
  readonly type: string;
  readonly shape?: Readonly<Record<string, z.ZodType>>;
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly discriminator?: string;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

function projectorOf(schema: z.ZodType): Projector | undefined {
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const fields = Object.entries(def.shape ?? {}).map(([key, field]) => [key, projectorOf(field)] as const);
      return (value) => {
        if (typeof value !== 'object' || value === null) return value;
        const source = value as Record<string, unknown>;
        const kept: Record<string, unknown> = {};
        for (const [key, project] of fields) {
          const field = source[key];
          if (field !== undefined) kept[key] = project === undefined ? field : project(field);
        }
        return kept;
      };
    }
    case 'optional':
    case 'nullable':
    case 'readonly':
    case 'default':
      return def.innerType === undefined ? undefined : projectorOf(def.innerType);
    case 'array': {
      const project = def.element === undefined ? undefined : projectorOf(def.element);
      return project === undefined ? undefined : (value) => (Array.isArray(value) ? value.map(project) : value);
    }
    case 'union': {
      const options = def.options ?? [];
      const projectors = options.map(projectorOf);
      if (projectors.every((project) => project === undefined)) return undefined;
      const key = def.discriminator;
      if (key === undefined) throw new Error('a union of objects needs a discriminator to be projected');
      const byTag = new Map<unknown, Projector | undefined>();
      options.forEach((option, index) => {
        const tag = defOf(defOf(option).shape![key]!) as unknown as { values?: readonly unknown[] };
        for (const value of tag.values ?? []) byTag.set(value, projectors[index]);
      });
      return (value) => {
        const tag = (value as Record<string, unknown> | null)?.[key];
        if (!byTag.has(tag)) throw new Error(`unknown ${key} ${String(tag)}`);
        const project = byTag.get(tag);
        return project === undefined ? value : project(value);
      };
    }
    default:
      return undefined;
  }
}

const projectEvent = projectorOf(OpsEvent)!;

/** The event with only protocol fields; throws on an event type the protocol does not know. */
export function protocolFieldsOf(event: OpsEvent): OpsEvent {
  return projectEvent(event) as OpsEvent;
}
