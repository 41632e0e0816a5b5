import { SessionToken } from '@watchfloor/shared';
import { describe, expect, it } from 'vitest';
import { decodeSession, encodeSession } from './stored-session';

describe('stored sign-in', () => {
  const signedIn = {
    hubUrl: 'http://127.0.0.1:4600',
    token: 'eyJhbGciOiJIUzI1NiJ9.e30.abc',
    officer: { id: 'off-duty', name: 'Adé Duty Officer (demo)', role: 'duty-officer' as const },
  };

  it('given a session with spaces and accents, then it is stored as a token the desktop shell accepts', () => {
    const stored = encodeSession(signedIn);
    expect(SessionToken.safeParse(stored).success).toBe(true);
    expect(decodeSession(stored)).toEqual(signedIn);
  });

  it('given text that is not a stored session, then decoding throws rather than inventing one', () => {
    expect(() => decodeSession('not base64 !')).toThrow();
  });
});
