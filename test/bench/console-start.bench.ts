import { BENCH_DATABASE, withBenchHub } from './bench-hub';
import { holdAlerts } from './console/held-alerts';
import { CONSOLE_HUB, signedInAfresh } from './console/console-window';
import type { Bench, Measurement, Verdict } from './report';

/**
 * Fresh sign-in to a usable queue, and reload from the local cache, in the real console page (Debian
 * Chromium, the built renderer served by a real hub), with 100k and with 1M alerts held by the hub, side by
 * side in one run. Usable: from the sign-in form's submit until the queue shows rows and non-zero counts;
 * the console starting from nothing receives the hub's picture as a paged snapshot, most urgent first, so
 * the whole snapshot being in (its progress status gone) is reported beside it. Reload: once the cache holds
 * the whole picture, from the page's reload until the queue shows rows again, from the cache, split where the
 * new document starts (before it, Chromium tears down the page it replaces). The hub's
 * alerts are seeded through its own append path before the officer signs in (seeding time reported, not a
 * target); each scale signs in with a fresh browser profile, so its cache starts empty.
 * Needs the built renderer (`npx electron-vite build --mode harness`).
 */
const SCALES = [100_000, 1_000_000] as const;
const FRESH_LIMIT_MS = 5_000;
const RELOAD_LIMIT_MS = 2_000;
const progress = (message: string) => process.stderr.write(`  console-start: ${message}\n`);

interface StartTimes {
  readonly seedMs: number;
  readonly usableMs: number;
  readonly pictureMs: number;
  readonly cacheMs: number;
  readonly reloadMs: number;
  /** Of the reload, from the new document's start: what the console itself takes. */
  readonly reloadDocumentMs: number;
}

export const bench: Bench = {
  name: `console-start: fresh sign-in to a usable queue and reload from the cache, 100k and 1M alerts on the hub (${BENCH_DATABASE})`,
  async run() {
    const times = new Map<number, StartTimes>();
    await withBenchHub(
      'console-start',
      async (hub) => {
        let seedMs = 0;
        for (const held of SCALES) {
          seedMs += await holdAlerts(hub, held, progress);
          const { officer, fresh } = await signedInAfresh(hub);
          try {
            const cacheMs = await officer.cacheReaches(hub.authority.cursor());
            progress(`${held.toLocaleString('en')} held: usable after ${fresh.usableAt! - fresh.submittedAt!} ms, cache caught up ${cacheMs} ms after the whole picture`);
            const reloaded = Date.now();
            await officer.page.reload();
            const again = await officer.noted('usableAt');
            times.set(held, {
              seedMs,
              usableMs: fresh.usableAt! - fresh.submittedAt!,
              pictureMs: fresh.pictureAt! - fresh.submittedAt!,
              cacheMs,
              reloadMs: again.usableAt! - reloaded,
              reloadDocumentMs: again.usableAt! - again.documentAt,
            });
          } finally {
            await officer.close();
          }
        }
      },
      CONSOLE_HUB,
    );
    const measurements: Measurement[] = [...times].flatMap(([held, t]) => {
      const label = `${held.toLocaleString('en')} held`;
      return [
        { label: `${label}: seeding the hub to this many (not a target)`, value: t.seedMs / 1000, unit: 's' },
        { label: `${label}: fresh sign-in to a usable queue`, value: t.usableMs, unit: 'ms' },
        { label: `${label}: fresh sign-in to the whole snapshot in`, value: t.pictureMs, unit: 'ms' },
        { label: `${label}: then until the cache holds it`, value: t.cacheMs, unit: 'ms' },
        { label: `${label}: reload to the queue from the cache`, value: t.reloadMs, unit: 'ms' },
        { label: `${label}:   of it until the new document started (Chromium letting go of the old page)`, value: t.reloadMs - t.reloadDocumentMs, unit: 'ms' },
        { label: `${label}:   of it from the new document's start to the queue`, value: t.reloadDocumentMs, unit: 'ms' },
      ];
    });
    const large = times.get(SCALES[1])!;
    const verdicts: Verdict[] = [
      { target: `fresh sign-in to a usable queue at 1M held under ${FRESH_LIMIT_MS / 1000} s`, measured: `${large.usableMs} ms`, pass: large.usableMs < FRESH_LIMIT_MS },
      { target: `reload to the queue from the cache at 1M held under ${RELOAD_LIMIT_MS / 1000} s`, measured: `${large.reloadMs} ms`, pass: large.reloadMs < RELOAD_LIMIT_MS },
    ];
    return { name: this.name, measurements, verdicts };
  },
};
