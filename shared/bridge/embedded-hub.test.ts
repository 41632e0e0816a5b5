import { describe, expect, it } from 'vitest';
import { EmbeddedHubCommand, EmbeddedHubMessage, embeddedHubArgs } from './embedded-hub';

describe('embedded hub contract', () => {
  it('given the hub messages of the contract, then they parse', () => {
    expect(EmbeddedHubMessage.parse({ type: 'ready', url: 'http://127.0.0.1:41234', hubId: 'hub-a' })).toEqual({
      type: 'ready',
      url: 'http://127.0.0.1:41234',
      hubId: 'hub-a',
    });
    expect(EmbeddedHubMessage.parse({ type: 'error', message: 'port in use' }).type).toBe('error');
    expect(EmbeddedHubMessage.parse({ type: 'stopped' }).type).toBe('stopped');
    expect(EmbeddedHubCommand.parse({ type: 'stop' })).toEqual({ type: 'stop' });
  });

  it('given a ready message for a non-loopback address or an unknown type, then it is refused', () => {
    expect(EmbeddedHubMessage.safeParse({ type: 'ready', url: 'http://0.0.0.0:80', hubId: 'h' }).success).toBe(false);
    expect(EmbeddedHubMessage.safeParse({ type: 'ready', url: 'https://evil.example', hubId: 'h' }).success).toBe(false);
    expect(EmbeddedHubMessage.safeParse({ type: 'restart' }).success).toBe(false);
  });

  it('given a data folder, then the hub is started on it with the demo operation and any free port', () => {
    expect(embeddedHubArgs('/home/o/.config/Watchfloor/hub-data')).toEqual([
      '--data',
      '/home/o/.config/Watchfloor/hub-data',
      '--demo',
      '--port',
      '0',
    ]);
  });

  it("given the bureau's retention settings, then the hub is started with each as its option", () => {
    expect(embeddedHubArgs('/data', { eventDays: 14, subjectDays: 30, subjectGraceDays: 3, idempotencyDays: 2, refusalDays: 400 })).toEqual([
      ...['--data', '/data', '--demo', '--port', '0'],
      ...['--retention-days', '14', '--retention-subject-days', '30', '--retention-subject-grace-days', '3'],
      ...['--retention-idempotency-days', '2', '--retention-refusal-days', '400'],
    ]);
    expect(embeddedHubArgs('/data', { eventDays: 7 })).toEqual(['--data', '/data', '--demo', '--port', '0', '--retention-days', '7']);
  });
});
