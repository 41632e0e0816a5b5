import type { AuditRecord, UnsealedAuditRecord } from './record';

/**
 * The exact text an audit record's hash is taken over, so the hub and anyone checking an exported trail
 * hash the same bytes: JSON of the record without `hash`, object keys sorted by UTF-16 code units at every
 * depth, absent (undefined) fields left out, no whitespace, strings and numbers as JSON.stringify writes
 * them. Arrays keep their order. The hash is SHA-256 of this text in UTF-8, in lower-case hex.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`an audit record cannot hold the number ${value}`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((item: unknown) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, item]) => item !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
    }
    default:
      throw new Error(`an audit record cannot hold a ${typeof value}`);
  }
}

/** The canonical text of a record: every field but `hash`. */
export function canonicalAuditRecord(record: UnsealedAuditRecord | AuditRecord): string {
  const { hash: _hash, ...unsealed } = record as AuditRecord;
  return canonicalJson(unsealed);
}
