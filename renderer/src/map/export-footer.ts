import { exportFooterFields, type ExportLabel, type ExportSubject } from '@watchfloor/shared';
import type { TFunction } from 'i18next';
import { formatLocalTime, formatUtcTime } from '../i18n/format';

/**
 * The footer drawn into an exported map image, so the picture carries its handling label, its operation
 * and range, and who exported it when (UTC and local, each labelled) wherever the file goes: the text
 * (`exportFooterText`, worded and its times written in the console's language) and its drawing (`drawExportFooter`).
 */
export interface ExportFooterText {
  /** The handling label, or a line saying the bureau set none: drawn first, larger. */
  readonly handling: string;
  readonly lines: readonly string[];
}

export function exportFooterText(label: ExportLabel, subject: ExportSubject, t: TFunction): ExportFooterText {
  const fields = exportFooterFields(label, subject);
  return {
    handling: fields.handlingLabel ?? t('exportFooter.noLabel'),
    lines: [
      t('exportFooter.subject', {
        operation: fields.operation ?? t('exportFooter.allOperations'),
        range: t('exportFooter.range', { from: formatUtcTime(subject.range.from, { zone: false }), to: formatUtcTime(subject.range.to) }),
      }),
      t('exportFooter.exported', {
        who: fields.exporter,
        utc: formatUtcTime(label.exportedAt),
        local: formatLocalTime(label.exportedAt, label.timeZone, {}),
      }),
    ],
  };
}

/** Font sizes and spacing in CSS pixels, scaled by the image's device pixel ratio. */
const HANDLING_PX = 18;
const LINE_PX = 13;
const GAP_PX = 6;
const PAD_PX = 12;
const SEPARATOR = ' · ';
/** The interface's fonts: Arabic letters from the bundled Noto Sans Arabic (styles/fonts.css), the rest from the system. */
const FONT_FAMILY = "'Noto Sans Arabic', system-ui, sans-serif";

/**
 * The footer's lines as they fit `maxWidth` (as `measure` measures text): a line too wide is broken between
 * its ` · ` parts, so nothing is squeezed or cut; a single part wider than the image stays whole.
 */
export function wrapFooterLines(lines: readonly string[], measure: (text: string) => number, maxWidth: number): string[] {
  const wrapped: string[] = [];
  for (const line of lines) {
    let current = '';
    for (const part of line.split(SEPARATOR)) {
      const joined = current === '' ? part : `${current}${SEPARATOR}${part}`;
      if (current !== '' && measure(joined) > maxWidth) {
        wrapped.push(current);
        current = part;
      } else current = joined;
    }
    wrapped.push(current);
  }
  return wrapped;
}

export interface FooterLayout {
  readonly handling: string;
  readonly lines: readonly string[];
  readonly height: number;
}

/** Lays the footer out for an image `width` device pixels wide at `scale` device pixels per CSS pixel. */
export function layoutExportFooter(context: CanvasRenderingContext2D, text: ExportFooterText, width: number, scale: number): FooterLayout {
  context.font = `${LINE_PX * scale}px ${FONT_FAMILY}`;
  const lines = wrapFooterLines(text.lines, (line) => context.measureText(line).width, width - 2 * PAD_PX * scale);
  const height = Math.ceil((PAD_PX * 2 + HANDLING_PX + (GAP_PX + LINE_PX) * lines.length + GAP_PX) * scale);
  return { handling: text.handling.toUpperCase(), lines, height };
}

/**
 * Draws the footer as a light band from `top` to the bottom of the canvas, below the map, never over it; its
 * lines start on the side the interface's `direction` reads from.
 */
export function drawExportFooter(
  context: CanvasRenderingContext2D,
  layout: FooterLayout,
  top: number,
  width: number,
  scale: number,
  direction: CanvasDirection,
): void {
  context.fillStyle = '#f4f6f8';
  context.fillRect(0, top, width, layout.height);
  context.fillStyle = '#11161c';
  context.fillRect(0, top, width, Math.max(1, Math.round(2 * scale)));
  const start = direction === 'rtl' ? width - PAD_PX * scale : PAD_PX * scale;
  context.direction = direction;
  context.textAlign = 'start';
  context.textBaseline = 'top';
  let y = top + PAD_PX * scale;
  context.font = `bold ${HANDLING_PX * scale}px ${FONT_FAMILY}`;
  context.fillText(layout.handling, start, y);
  y += (HANDLING_PX + GAP_PX) * scale;
  context.font = `${LINE_PX * scale}px ${FONT_FAMILY}`;
  for (const line of layout.lines) {
    context.fillText(line, start, y);
    y += (LINE_PX + GAP_PX) * scale;
  }
}
