import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from './auth/officers';
import { busyPortMessage, demoUsersLine } from './startup-lines';

describe('start-up lines', () => {
  it('given the demo users, then the banner names every one with password and role, and the README’s table lists them all', () => {
    const line = demoUsersLine();
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    for (const user of DEMO_USERS) {
      expect(line).toContain(`${user.username}/${user.password} (`);
      expect(readme).toContain(`| \`${user.username}\` / \`${user.password}\` |`);
    }
    expect(line).toContain('abuja/abuja (duty officer, NG)');
    expect(line).not.toContain('\n');
  });

  it('given a port another program holds, then listening on it fails with a one-line message that says how to choose another', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const port = (holder.address() as { port: number }).port;
    const second = createServer();
    const error = await new Promise<unknown>((resolve) => {
      second.once('error', resolve);
      second.listen(port, '127.0.0.1');
    });
    holder.close();
    const message = busyPortMessage(error, port, '--port N');
    expect(message).toContain(`port ${port} is already in use`);
    expect(message).toContain('--port N');
    expect(message).not.toContain('\n');
  });

  it('given any other failure, then it is not called a busy port', () => {
    expect(busyPortMessage(new Error('database locked'), 4600, '--port N')).toBeUndefined();
    expect(busyPortMessage(undefined, 4600, '--port N')).toBeUndefined();
  });
});
