import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@watchfloor\/shared$/, replacement: fileURLToPath(new URL('./shared/index.ts', import.meta.url)) },
      {
        find: /^@watchfloor\/shared\/testing$/,
        replacement: fileURLToPath(new URL('./shared/testing/builders.ts', import.meta.url)),
      },
    ],
  },
  test: {
    include: ['{shared,hub,electron,renderer,test,scripts}/**/*.test.{ts,tsx}'],
    exclude: ['**/node_modules/**', 'test/e2e/**', 'test/fixtures/**'],
    environment: 'node',
    globalSetup: ['test/support/pglite-template.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
