import { parseWith, type Parsed, type ValidationIssue } from '@watchfloor/shared';
import type { z } from 'zod';

/**
 * PostgreSQL text and jsonb cannot hold NUL characters or unpaired UTF-16 surrogates, which JSON and the
 * shared schemas allow. Such input must be refused at the boundary as invalid: reaching the database it
 * would fail the whole transaction, and with it every other hit committed in the same ingest batch.
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The first string (or object key) in `value` the database cannot store, as a validation issue. */
export function unstorableText(value: unknown, path: readonly string[] = []): ValidationIssue | undefined {
  if (typeof value === 'string') {
    return UNSTORABLE.test(value)
      ? { path: path.join('.'), message: 'contains a NUL character or an unpaired surrogate, which the hub cannot store' }
      : undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const issue = unstorableText(key, [...path, key]) ?? unstorableText(item, [...path, key]);
    if (issue !== undefined) return issue;
  }
  return undefined;
}

/** Input read by `schema` that the database can also store: the typed value, or the issues that say why not. */
export function parseStorable<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.infer<S>> {
  const parsed = parseWith(schema, input);
  if (!parsed.ok) return parsed;
  const unstorable = unstorableText(parsed.value);
  return unstorable === undefined ? parsed : { ok: false, issues: [unstorable] };
}
