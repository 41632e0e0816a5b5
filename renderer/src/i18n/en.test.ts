import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en } from './en';

/** Every literal key the UI passes to t() exists in English, so no officer ever reads a raw key. */
const root = fileURLToPath(new URL('..', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.tsx?$/.test(name) && !name.endsWith('.test.ts') ? [full] : [];
  });
}

function resolve(key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], en);
}

/** A key with a count may be written as its plural forms only (`key_one`, `key_other`), as i18next reads them. */
function hasString(key: string): boolean {
  return typeof resolve(key) === 'string' || (typeof resolve(`${key}_one`) === 'string' && typeof resolve(`${key}_other`) === 'string');
}

describe('English strings', () => {
  it('given every literal t() key in the renderer, then English has a string for it', () => {
    const missing: string[] = [];
    for (const file of sources(root)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)) {
        if (!hasString(match[1]!)) missing.push(`${path.relative(root, file)}: ${match[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('given the layout, then the stylesheet uses logical properties only (right-to-left safe)', () => {
    const css = readFileSync(path.join(root, 'styles/app.css'), 'utf8') + readFileSync(path.join(root, 'map/map.css'), 'utf8');
    expect(css.match(/(^|[\s;{])(margin|padding|border)-(left|right)\b|(^|[\s;{])(left|right)\s*:|text-align:\s*(left|right)/gm) ?? []).toEqual([]);
  });
});
