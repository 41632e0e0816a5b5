/**
 * The time zone of "local" times on screen: the bureau's configured zone in the desktop app, the system's
 * otherwise. Set once at start-up, before anything renders a time.
 */
let zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function displayZone(): string {
  return zone;
}

export function setDisplayZone(timeZone: string | undefined): void {
  if (timeZone === undefined) return;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    zone = timeZone;
  } catch {
    console.warn(`[watchfloor] unknown time zone '${timeZone}'; local times stay in ${zone}`);
  }
}
