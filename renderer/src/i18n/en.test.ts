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

function stylesheets(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return stylesheets(full);
    return name.endsWith('.css') ? [full] : [];
  });
}

/**
 * Left and right as written sides: margins, paddings, borders and their corners, insets, text alignment,
 * floats, horizontal shifts and background positions, and box-shadows offset sideways by a fixed length.
 */
const PHYSICAL_SIDE = new RegExp(
  [
    String.raw`(^|[\s;{])(margin|padding|border)-(left|right)\b`,
    String.raw`(^|[\s;{])border-(top|bottom)-(left|right)-radius`,
    String.raw`(^|[\s;{])(left|right)\s*:`,
    String.raw`(text-align|float|clear)\s*:\s*(left|right)`,
    String.raw`translateX\(|translate\(\s*-?[1-9]`,
    String.raw`background-position[^;]*\b(left|right)\b`,
    String.raw`box-shadow:[^;]*inset\s+-?[1-9]`,
  ].join('|'),
  'gm',
);

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

  it('given every stylesheet of the renderer, then it places and shapes things by logical sides only (right-to-left safe)', () => {
    const physical: string[] = [];
    for (const file of stylesheets(root)) {
      for (const match of readFileSync(file, 'utf8').matchAll(PHYSICAL_SIDE)) physical.push(`${path.relative(root, file)}: ${match[0].trim()}`);
    }
    expect(physical).toEqual([]);
  });
});
