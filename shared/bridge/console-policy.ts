/**
 * The console's Content Security Policy, the same wherever it is served from (the hub's web console, the
 * desktop app's app:// handler): scripts, workers and styles only from its own origin, connections only to
 * `connectSources`, never inside a frame, no plugins, no base or form targets.
 */
export function consoleContentSecurityPolicy(connectSources: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React and maplibre set style attributes on elements.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src ${connectSources.join(' ')}`,
    // maplibre starts its workers from a blob: URL.
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
