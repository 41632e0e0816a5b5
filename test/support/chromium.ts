/**
 * Debian's Chromium with the flags of the design: WebGL in SwiftShader, and nothing that reaches for the
 * network on its own (the machines have none). Shared by the e2e config and the browser benchmarks.
 */
export const CHROMIUM_PATH = process.env.WATCHFLOOR_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
