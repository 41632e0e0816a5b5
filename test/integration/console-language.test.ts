import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../hub/src/index';
import { serveConsole } from '../../scripts/console-server';
import { startTestHub } from '../support/hub';

/** The bureau's language reaches the web console in /config.json, from the hub serving it or the stand-alone console server. */
let renderer: string;
let hub: RunningHub;

beforeAll(async () => {
  renderer = await mkdtemp(path.join(tmpdir(), 'watchfloor-renderer-'));
  await writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>Watchfloor</title>');
  hub = await startTestHub({ rate: 0, staticDir: renderer, language: 'fr' });
});

afterAll(async () => {
  await hub?.stop();
  await rm(renderer, { recursive: true, force: true });
});

const config = async (url: string) => (await fetch(`${url}/config.json`)).json() as Promise<Record<string, unknown>>;

describe("the bureau's language in the web console's configuration", () => {
  it('given a hub started with a language, then the console it serves is told that language', async () => {
    expect(await config(hub.url)).toMatchObject({ hubUrl: '', language: 'fr' });
  });

  it('given the console served apart from its hub, with or without a language, then /config.json says so', async () => {
    const arabic = await serveConsole({ port: 0, renderer, hubUrl: hub.url, language: 'ar' });
    const unset = await serveConsole({ port: 0, renderer, hubUrl: hub.url });
    try {
      expect(await config(arabic.url)).toMatchObject({ hubUrl: hub.url, language: 'ar' });
      expect(await config(unset.url)).not.toHaveProperty('language');
    } finally {
      await arabic.close();
      await unset.close();
    }
  });
});
