import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { watchfloorIconPng } from '../electron/main/app-icon';

/**
 * Writes build/icon.png (512x512), from which electron-builder derives the Windows .ico, the macOS .icns
 * and the Linux icon set. Run `npx tsx build/make-icon.ts` after changing the drawing.
 */
const target = fileURLToPath(new URL('./icon.png', import.meta.url));
writeFileSync(target, watchfloorIconPng(512));
console.log(`wrote ${target}`);
