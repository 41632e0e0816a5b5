/** The hub's audit trail: appending chained records in the act's transaction, verifying the chain, reading it filtered. */
export { AUDIT_GENESIS, AUDIT_GENESIS_HASH } from '@watchfloor/shared';
export { appendAudit, appendAuditEntries, auditHash, readAuditTrail, recordAudit, verifyTrail } from './trail';
