import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { watchfloorIconPng } from './app-icon';

/** Reads back width, height and the RGBA of one pixel from our own (unfiltered) PNG output. */
function decode(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idatLength = png.readUInt32BE(33);
  expect(png.toString('ascii', 37, 41)).toBe('IDAT');
  const rows = inflateSync(png.subarray(41, 41 + idatLength));
  const pixel = (x: number, y: number) => [...rows.subarray(y * (width * 4 + 1) + 1 + x * 4, y * (width * 4 + 1) + 1 + x * 4 + 4)];
  return { width, height, pixel };
}

describe('app icon', () => {
  it('given a size, then a PNG of that size with transparent corners and an opaque centre', () => {
    const icon = decode(watchfloorIconPng(64));
    expect([icon.width, icon.height]).toEqual([64, 64]);
    expect(icon.pixel(0, 0)[3]).toBe(0);
    expect(icon.pixel(32, 32)[3]).toBe(255);
  });

  it('given the alert variant, then the top-right corner carries the amber dot', () => {
    const plain = decode(watchfloorIconPng(32));
    const alerting = decode(watchfloorIconPng(32, { alertDot: true }));
    expect(alerting.pixel(25, 7)).toEqual([245, 165, 36, 255]);
    expect(plain.pixel(25, 7)).not.toEqual([245, 165, 36, 255]);
  });
});
