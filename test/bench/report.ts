/**
 * What every benchmark returns: its measurements, and each target as a verdict. Targets are ratios or
 * bounds measured side by side in one run, because the machines are shared and noisy.
 */
export interface Measurement {
  readonly label: string;
  readonly value: number;
  readonly unit: string;
}

export interface Verdict {
  readonly target: string;
  readonly measured: string;
  readonly pass: boolean;
}

export interface BenchReport {
  readonly name: string;
  readonly measurements: readonly Measurement[];
  readonly verdicts: readonly Verdict[];
}

export interface Bench {
  readonly name: string;
  run(): Promise<BenchReport>;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}
