import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A stand-in for an unpacked Linux Electron distribution, for electron-builder's `electronDist`: the real one
 * is downloaded from GitHub, which build machines here cannot reach. The `electron` "binary" carries the
 * fuse wire sentinel of Electron 12+ with every fuse enabled, so the test can see electron-builder flip them.
 */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_ENABLED = 0x31;
const FUSE_COUNT = 8;

export function writeStandInElectron(dir: string): void {
  mkdirSync(path.join(dir, 'resources'), { recursive: true });
  const wire = Buffer.from([1, FUSE_COUNT, ...Array<number>(FUSE_COUNT).fill(FUSE_ENABLED)]);
  const binary = path.join(dir, 'electron');
  writeFileSync(binary, Buffer.concat([Buffer.from('#!/bin/sh\necho "stand-in Electron"\n'), Buffer.from(FUSE_SENTINEL), wire]));
  chmodSync(binary, 0o755);
  writeFileSync(path.join(dir, 'LICENSE'), 'Stand-in for the Electron license\n');
  writeFileSync(path.join(dir, 'LICENSES.chromium.html'), '<!doctype html><title>stand-in</title>\n');
  writeFileSync(path.join(dir, 'version'), '45.4.1');
}
