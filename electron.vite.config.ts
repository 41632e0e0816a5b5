import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

const resolve = {
  alias: [
    { find: /^@watchfloor\/shared$/, replacement: here('./shared/index.ts') },
  ],
};

/**
 * One build for the three Electron targets. `npm run web` serves the same `out/renderer` in a browser.
 * `--mode harness` (tests and benchmarks) adds the map, cache and live-path harness pages; installers never ship them.
 */
export default defineConfig(({ mode }) => ({
  main: {
    resolve,
    build: {
      outDir: 'out/main',
      // The embedded hub runs in a utility process from its own entry (out/main/hub.js).
      rolldownOptions: { input: { index: here('./electron/main/index.ts'), hub: here('./hub/src/embedded.ts') } },
    },
  },
  preload: {
    resolve,
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads must be CommonJS with everything bundled in.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: here('./electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    resolve,
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rolldownOptions: {
        input: {
          index: here('./renderer/index.html'),
          ...(mode === 'harness'
            ? {
                mapHarness: here('./renderer/map-harness.html'),
                cacheHarness: here('./renderer/cache-harness.html'),
                liveHarness: here('./renderer/live-harness.html'),
              }
            : {}),
        },
      },
    },
  },
}));
