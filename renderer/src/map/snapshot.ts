import { drawExportFooter, layoutExportFooter, type ExportFooterText } from './export-footer';

/**
 * A PNG of the map as shown (basemap and deck.gl layers), for the debrief export, with the export's footer
 * (handling label, operation and range, exporter and time) drawn below the map. The map's WebGL canvases
 * keep their drawing buffer (see map-controller.ts), so they can be composed here at any time.
 */
export async function mapImage(container: Element | undefined, footer: ExportFooterText): Promise<Blob | undefined> {
  const canvases = container === undefined ? [] : [...container.querySelectorAll('canvas')].filter((canvas) => canvas.width > 0 && canvas.height > 0);
  const base = canvases[0];
  if (base === undefined) return undefined;
  const frame = base.getBoundingClientRect();
  const scale = base.width / Math.max(1, frame.width);
  const out = document.createElement('canvas');
  out.width = base.width;
  const context = out.getContext('2d');
  if (context === null) return undefined;
  const layout = layoutExportFooter(context, footer, out.width, scale);
  // Setting the height clears the canvas and its state; the layout is kept.
  out.height = base.height + layout.height;
  context.fillStyle = '#0b1118';
  context.fillRect(0, 0, out.width, base.height);
  for (const canvas of canvases) {
    const box = canvas.getBoundingClientRect();
    context.drawImage(canvas, (box.left - frame.left) * scale, (box.top - frame.top) * scale, box.width * scale, box.height * scale);
  }
  drawExportFooter(context, layout, base.height, out.width, scale, document.documentElement.dir === 'rtl' ? 'rtl' : 'ltr');
  return new Promise((resolve) => out.toBlob((blob) => resolve(blob ?? undefined), 'image/png'));
}
