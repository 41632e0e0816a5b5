import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import type { RunningHub } from '../../../hub/src/index';
import { SignInPage } from '../../e2e/pages/SignInPage';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../support/chromium';
import type { BenchHubOptions } from '../bench-hub';

/**
 * The real console, served by a bench hub, in Debian's Chromium with a profile of its own on disk (so the
 * local cache is IndexedDB as a workstation has it), signed in as the duty officer through the sign-in
 * form. From the document's start, every frame the page notes (on the wall clock, comparable with the
 * bench's `Date.now()`) when the officer submitted the form, when the queue first showed rows and non-zero
 * counts, when the snapshot's progress showed and when the whole snapshot was in, and each value the
 * critical counter showed. To tell the stages of the live path apart, it also notes when a batch holding
 * a critical hit arrived from the data-plane worker, and when the counter's DOM took each value (a
 * MutationObserver), before the frame that shows it. It also notes when its document started, which on a
 * reload is after Chromium has torn down the page it replaces.
 */
export interface ConsoleWatch {
  /** When this document's first script ran: after the browser let go of the page it replaces. */
  readonly documentAt: number;
  submittedAt?: number;
  usableAt?: number;
  progressShownAt?: number;
  pictureAt?: number;
  /** The critical counter's values, each at the first frame that showed it. */
  readonly critical: CounterValue[];
  /** The same values as the DOM took them. */
  readonly criticalInDom: CounterValue[];
  /** When each batch holding a critical hit arrived from the worker on the UI thread. */
  readonly criticalArrived: number[];
}
export interface CounterValue {
  readonly value: number;
  readonly at: number;
}
type WatchWindow = { consoleWatch?: ConsoleWatch };

/** The bench hub for the console: it serves the built console, and its automatic escalation is paused. */
export const CONSOLE_HUB: BenchHubOptions = {
  config: { staticDir: 'out/renderer' },
  // The seeded backlog is days old: left on, the tick would spend the run escalating it (escalation.bench
  // measures that tick on its own).
  hooks: { escalationTickMs: 2 ** 31 - 1 },
};

export interface ConsoleWindow {
  readonly page: Page;
  watch(): Promise<ConsoleWatch>;
  /** Resolves once the page has noted `mark` (since its document started). */
  noted(mark: 'usableAt' | 'pictureAt'): Promise<ConsoleWatch>;
  /** The duty officer signs in through the form; resolves once the form is submitted. */
  signIn(): Promise<void>;
  /** Resolves once the local cache holds the picture up to `seq`; the time it took from the call. */
  cacheReaches(seq: number): Promise<number>;
  close(): Promise<void>;
}

function watchConsole(): void {
  const watch: ConsoleWatch = { documentAt: Date.now(), critical: [], criticalInDom: [], criticalArrived: [] };
  // Counts are written with the interface language's grouping ("1,807"): only the digits make the number.
  const countIn = (text: string | null) => Number((text ?? '').replace(/\D/g, '') || Number.NaN);
  (window as WatchWindow).consoleWatch = watch;
  type Message = { data?: { kind?: string; events?: readonly { type: string; hit?: { severity: string } }[] } };
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      this.addEventListener('message', (message: Message) => {
        const { data } = message;
        if (data?.kind === 'events' && data.events?.some((event) => event.type === 'hit.raised' && event.hit?.severity === 'critical')) {
          watch.criticalArrived.push(Date.now());
        }
      });
    }
  };
  let inDom: string | undefined;
  new MutationObserver(() => {
    const value = document.querySelector('[data-testid="count-critical"]')?.textContent ?? undefined;
    if (value !== undefined && value !== inDom) watch.criticalInDom.push({ value: countIn(value), at: Date.now() });
    inDom = value;
  }).observe(document, { subtree: true, childList: true, characterData: true });
  window.addEventListener('submit', () => (watch.submittedAt ??= Date.now()), { capture: true });
  let critical: string | undefined;
  const frame = () => {
    const now = Date.now();
    if (watch.usableAt === undefined && document.querySelector('[data-testid="alert-queue"] .queue-row') !== null) {
      const counts = [...document.querySelectorAll('.queue__counts .count-chip__value')].reduce((sum, chip) => sum + countIn(chip.textContent), 0);
      if (counts > 0) watch.usableAt = now;
    }
    const progress = document.querySelector('[data-testid="picture-progress"]') !== null;
    if (progress) watch.progressShownAt ??= now;
    // The snapshot's first page brings the rows and its progress in one commit: rows without it are all of it.
    else if (watch.usableAt !== undefined) watch.pictureAt ??= now;
    const shown = document.querySelector('[data-testid="count-critical"]')?.textContent ?? undefined;
    if (shown !== undefined && shown !== critical) watch.critical.push({ value: countIn(shown), at: now });
    critical = shown;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** A console in a fresh profile (an empty cache) whose officer signed in and has the hub's whole snapshot. */
export async function signedInAfresh(hub: RunningHub): Promise<{ readonly officer: ConsoleWindow; readonly fresh: ConsoleWatch }> {
  const officer = await openConsole(hub);
  try {
    await officer.signIn();
    return { officer, fresh: await officer.noted('pictureAt') };
  } catch (error) {
    await officer.close();
    throw error;
  }
}

/** How long a console may take to store the hub's whole picture in its cache. */
const CACHE_TIMEOUT_MS = 600_000;

/** The seq the console's local cache holds the picture up to (0 before it has one). */
function cachedThrough(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('watchfloor-cache');
        open.onerror = () => resolve(0);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('meta')) return db.close(), resolve(0);
          const get = db.transaction('meta').objectStore('meta').get('cache');
          get.onerror = () => (db.close(), resolve(0));
          get.onsuccess = () => (db.close(), resolve((get.result as { through?: number } | undefined)?.through ?? 0));
        };
      }),
  );
}

export async function openConsole(hub: RunningHub): Promise<ConsoleWindow> {
  if (!existsSync('out/renderer/index.html')) throw new Error("no built console in out/renderer: run 'npx electron-vite build --mode harness' first");
  const profile = await mkdtemp(join(tmpdir(), 'watchfloor-console-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--js-flags=--max-old-space-size=8192'],
    baseURL: hub.url,
    viewport: { width: 1600, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  // tsx keeps the names of the watcher's inner functions through a helper (`__name`) the page lacks.
  await page.addInitScript({ content: `var __name = (target) => target; (${watchConsole.toString()})();` });
  const failIfErrors = () => {
    if (errors.length > 0) throw new Error(`console page errors: ${errors.join('; ')}`);
  };
  const watch = async () => {
    failIfErrors();
    return page.evaluate(() => (window as WatchWindow).consoleWatch!);
  };
  return {
    page,
    watch,
    async noted(mark) {
      await page.waitForFunction((name) => (window as WatchWindow).consoleWatch?.[name] !== undefined, mark, { timeout: 600_000 });
      return watch();
    },
    async signIn() {
      const form = new SignInPage(page);
      await form.open();
      await form.signIn('duty');
    },
    async cacheReaches(seq) {
      const started = Date.now();
      // Polled from here: waitForFunction takes a promise the page returns as truthy, whatever it resolves to.
      while ((await cachedThrough(page)) < seq) {
        if (Date.now() - started > CACHE_TIMEOUT_MS) throw new Error(`the local cache did not reach seq ${seq} in ${CACHE_TIMEOUT_MS / 60_000} minutes`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      failIfErrors();
      return Date.now() - started;
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
