/** English, the reference language: every key the UI uses is here. Other languages may be partial. */
export const en = {
  app: { name: 'Watchfloor', tagline: 'Operations command centre' },
  clock: { utc: 'UTC', local: 'Local' },
  connection: {
    notConnected: 'Not connected',
    live: 'Live',
    reconnecting: 'Reconnecting (attempt {{attempt}})',
    offline: 'Offline, data {{age}} old',
  },
  operation: { none: 'No operation selected' },
  panels: {
    map: 'World map',
    queue: 'Alert queue',
    detail: 'Alert detail',
    status: 'Operation status',
  },
  empty: {
    map: 'The map appears once the app is connected to a coordination hub.',
    queue: 'No alerts yet. New hits appear here, most severe first.',
    detail: 'Select an alert to see its hit, history and holder.',
    status: 'Operation codename, phase, counters and checkpoints appear here.',
  },
  desktop: { web: 'Browser', desktop: 'Desktop app {{version}}' },
} as const;
