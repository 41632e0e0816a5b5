/**
 * Time labels for people. Every time shown in the app says which zone it is in: UTC for coordination across
 * countries, local for the officer's own shift.
 */
const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** `2026-11-22 14:03:09 UTC` */
export function formatUtc(epochMs: number): string {
  const date = new Date(epochMs);
  return (
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} UTC`
  );
}

/** `15:03:09 Africa/Lagos`: the wall-clock time in `timeZone` (an IANA name), labelled with that zone. */
export function formatZoned(epochMs: number, timeZone: string): string {
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(epochMs);
  return `${time} ${timeZone}`;
}

/** `4m 05s`, `1h 02m`: compact ages for queues and timers. Negative durations read as zero. */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours}h ${pad(minutes)}m`;
  if (minutes > 0) return `${minutes}m ${pad(seconds)}s`;
  return `${seconds}s`;
}

/**
 * Seconds since an operation started. Map filters keep times as float32 on the GPU; relative seconds stay
 * exact to well under a second for operations of months, where absolute epoch milliseconds would not.
 */
export function secondsSince(startMs: number, epochMs: number): number {
  return (epochMs - startMs) / 1000;
}
