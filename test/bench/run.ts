import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Bench, BenchReport } from './report';

/**
 * `npm run bench [-- name…]`: runs every `*.bench.ts` beside this file (or the named ones), one after the
 * other so they do not compete for the two cores, and prints a table plus a verdict per target.
 */
const here = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);

const files = (await readdir(here)).filter((file) => file.endsWith('.bench.ts')).sort();
const selected = files.filter((file) => wanted.length === 0 || wanted.some((name) => file.startsWith(name)));
if (selected.length === 0) {
  console.error(`bench: nothing matches ${wanted.join(', ')}; available: ${files.join(', ')}`);
  process.exit(2);
}

const reports: BenchReport[] = [];
for (const file of selected) {
  const module = (await import(`./${file}`)) as { bench: Bench };
  console.log(`\n== ${module.bench.name}`);
  const report = await module.bench.run();
  reports.push(report);
  for (const m of report.measurements) console.log(`  ${m.label.padEnd(58)} ${formatValue(m.value).padStart(12)} ${m.unit}`);
  for (const v of report.verdicts) console.log(`  [${v.pass ? 'PASS' : 'FAIL'}] ${v.target}: ${v.measured}`);
}

const failed = reports.flatMap((report) => report.verdicts.filter((verdict) => !verdict.pass));
console.log(`\nbench: ${reports.length} benchmarks, ${failed.length} targets missed`);
process.exit(failed.length === 0 ? 0 : 1);

function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2);
}
