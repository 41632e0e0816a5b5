import type { AlertStatus, CheckpointStatus, Severity } from '@watchfloor/shared';

/**
 * Map colours, the same colour-blind-safe (Okabe-Ito) palette as renderer/src/styles/app.css. WebGL needs
 * numbers, not CSS variables, so the values are repeated here once. Colour is never the only cue: size,
 * rings and the tooltip's text carry severity too.
 */
export type Rgba = readonly [number, number, number, number];

export const BASEMAP_COLOURS = {
  sea: '#0b0f14',
  land: '#151d27',
  border: '#2c3a4a',
  coast: '#24303d',
  label: '#5b6878',
  labelHalo: '#0b0f14',
} as const;

export const SEVERITY_RGB: Readonly<Record<Severity, readonly [number, number, number]>> = {
  critical: [255, 90, 95],
  high: [230, 159, 0],
  medium: [240, 228, 66],
  low: [86, 180, 233],
};

/** Bigger is more severe, so severity reads without colour. Pixels. */
export const SEVERITY_RADIUS: Readonly<Record<Severity, number>> = { critical: 7, high: 5.5, medium: 4.5, low: 3.5 };

/** Open alerts are bright; handled ones step back; resolved ones are a faint trace. */
export const STATUS_ALPHA: Readonly<Record<AlertStatus, number>> = {
  new: 240,
  acknowledged: 170,
  escalated: 240,
  'confirmation-pending': 140,
  resolved: 55,
};

const OUTLINE: Rgba = [11, 15, 20, 220];
const ESCALATED_RING: Rgba = [255, 255, 255, 255];

export function hitFill(severity: Severity, status: AlertStatus): Rgba {
  const [r, g, b] = SEVERITY_RGB[severity];
  return [r, g, b, STATUS_ALPHA[status]];
}

/** A white ring marks an escalated alert; a dark outline keeps overlapping points apart. */
export function hitLine(severity: Severity, status: AlertStatus): Rgba {
  if (status === 'escalated') return ESCALATED_RING;
  if (status === 'resolved') return [...SEVERITY_RGB[severity], 110];
  return OUTLINE;
}

export function hitLineWidth(severity: Severity, status: AlertStatus): number {
  if (status === 'escalated') return 1.5;
  return severity === 'critical' ? 1.5 : 1;
}

export const PULSE_RGB: readonly [number, number, number] = SEVERITY_RGB.critical;
export const SELECTION_RGBA: Rgba = [240, 228, 66, 255];
export const HIGHLIGHT_RGBA: Rgba = [255, 255, 255, 90];

export const CHECKPOINT_STATUS_RGBA: Readonly<Record<CheckpointStatus, Rgba>> = {
  online: [0, 158, 115, 255],
  degraded: [230, 159, 0, 255],
  offline: [138, 153, 171, 255],
};

/** A partner country's checkpoint, where the operation's own are emphasised. */
export const PARTNER_ALPHA = 110;
/** The count badge where alerts pile up: light text on a dark chip, well above 4.5:1. */
export const AGGREGATE_BADGE_RGBA: Rgba = [230, 236, 242, 240];
export const AGGREGATE_TEXT_RGBA: Rgba = [11, 15, 20, 255];
