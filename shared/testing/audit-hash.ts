import type { AuditHash } from '../audit/verify';

/**
 * A stand-in for SHA-256 in tests of the audit chain rule (FNV-1a rounds stretched to 64 hex digits): the
 * rule must hold for any hash function, and shared/ stays free of Node's crypto.
 */
export const toyAuditHash: AuditHash = (text) => {
  let out = '';
  for (let round = 0; round < 8; round += 1) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out;
};
