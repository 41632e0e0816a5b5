import { deflateSync } from 'node:zlib';

/**
 * The Watchfloor mark drawn in code: a radar ring and crosshair on a dark rounded square, optionally with an
 * amber dot for "alerts waiting". One drawing serves the installer icon (build/icon.png, written by
 * build/make-icon.ts) and the tray icons at run time, so they cannot drift apart and no binary art is kept.
 */
type Rgba = readonly [number, number, number, number];
const BACKGROUND: Rgba = [16, 28, 42, 255];
const RING: Rgba = [64, 196, 180, 255];
const ALERT: Rgba = [245, 165, 36, 255];

export function watchfloorIconPng(size: number, options: { readonly alertDot?: boolean } = {}): Buffer {
  const pixels = new Uint8Array(size * size * 4);
  const centre = size / 2;
  const radius = size * 0.3;
  const stroke = Math.max(1, size * 0.06);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      let colour: Rgba = [0, 0, 0, 0];
      const inSquare = roundedSquareCoverage(px, py, size, size * 0.18);
      if (inSquare > 0) colour = withAlpha(BACKGROUND, inSquare);
      const distance = Math.hypot(px - centre, py - centre);
      const ring = coverage(Math.abs(distance - radius) - stroke / 2);
      const cross =
        distance < radius * 1.25
          ? Math.max(coverage(Math.abs(px - centre) - stroke / 4), coverage(Math.abs(py - centre) - stroke / 4)) * 0.6
          : 0;
      const dot = coverage(distance - size * 0.07);
      colour = over(colour, withAlpha(RING, Math.max(ring, cross, dot)));
      if (options.alertDot === true) {
        const alert = coverage(Math.hypot(px - size * 0.78, py - size * 0.22) - size * 0.17);
        colour = over(colour, withAlpha(ALERT, alert));
      }
      pixels.set(colour, (y * size + x) * 4);
    }
  }
  return encodePng(size, size, pixels);
}

/** 1 inside, 0 outside, a one-pixel ramp at the edge: cheap anti-aliasing from a signed distance. */
function coverage(signedDistance: number): number {
  return Math.min(1, Math.max(0, 0.5 - signedDistance));
}

function roundedSquareCoverage(px: number, py: number, size: number, corner: number): number {
  const qx = Math.max(Math.abs(px - size / 2) - (size / 2 - corner), 0);
  const qy = Math.max(Math.abs(py - size / 2) - (size / 2 - corner), 0);
  return coverage(Math.hypot(qx, qy) - corner);
}

function withAlpha([r, g, b, a]: Rgba, amount: number): Rgba {
  return [r, g, b, Math.round(a * amount)];
}

function over(bottom: Rgba, top: Rgba): Rgba {
  const ta = top[3] / 255;
  const ba = bottom[3] / 255;
  const a = ta + ba * (1 - ta);
  if (a === 0) return [0, 0, 0, 0];
  const mix = (i: 0 | 1 | 2) => Math.round((top[i] * ta + bottom[i] * ba * (1 - ta)) / a);
  return [mix(0), mix(1), mix(2), Math.round(a * 255)];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** A truecolour-with-alpha, 8-bit, non-interlaced PNG. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    rows[y * (width * 4 + 1)] = 0;
    rows.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', new Uint8Array()),
  ]);
}
