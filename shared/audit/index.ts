/** The tamper-evident audit trail: record schemas, the canonical text that is hashed, and the verification rule. */
export * from './record';
export * from './canonical';
export * from './verify';
