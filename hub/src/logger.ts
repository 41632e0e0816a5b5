import pino, { type Logger } from 'pino';

/** Structured JSON logs (pino) on stdout; one line per event, fields a bureau's log shipper can index. */
export function createLogger(level: string, name = 'watchfloor-hub'): Logger {
  return pino({ name, level, base: { service: name }, timestamp: pino.stdTimeFunctions.isoTime });
}
