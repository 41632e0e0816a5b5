import type { Severity, SourceDatabase } from './model';

/**
 * Severity of a hit when the checkpoint system does not say: the kind of record matched decides first
 * (a red notice is always critical), the match score second (a weak biometric match is worth less).
 */
export function defaultSeverity(source: SourceDatabase, score: number): Severity {
  if (score < 0.6) return 'low';
  switch (source) {
    case 'red-notice':
      return 'critical';
    case 'diffusion':
    case 'firearms':
      return 'high';
    case 'sltd':
      return score >= 0.9 ? 'high' : 'medium';
    case 'fingerprint':
    case 'face':
    case 'dna':
      return score >= 0.95 ? 'high' : 'medium';
    case 'nominal':
    case 'smv':
      return 'medium';
  }
}
