import type { SignedIn } from './SignIn';

/**
 * The sign-in kept across reloads. The desktop shell stores it as one printable token (safeStorage, no
 * whitespace allowed), so it travels as base64 of its JSON; names with spaces or accents survive.
 */
export function encodeSession(signedIn: SignedIn): string {
  const bytes = new TextEncoder().encode(JSON.stringify(signedIn));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The decoded JSON, still to be validated by the caller; throws on text that is not base64 JSON. */
export function decodeSession(text: string): unknown {
  const binary = atob(text);
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0))));
}
