import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { seedDemoUsers } from '../../hub/src/auth/officers';
import { migrate } from '../../hub/src/db/migrations';
import { openPglite } from '../../hub/src/db/pglite';

/**
 * vitest global setup: PGlite's first start in a new directory runs initdb, which takes seconds. Do it once
 * per test run in a template directory; each test hub starts from a copy of it in a fraction of a second.
 * The demo users are seeded in the template too: their password hashes cost about half a second each, which
 * every demo hub would otherwise pay at start (a hub started without --demo removes them).
 */
declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'watchfloor-pglite-template-'));
  const db = await openPglite(dir);
  await migrate(db);
  await seedDemoUsers(db);
  await db.close();
  project.provide('pgliteTemplate', dir);
  return () => rm(dir, { recursive: true, force: true });
}

export async function copyTemplate(template: string, target: string): Promise<void> {
  await cp(template, target, { recursive: true });
}
