/** The tamper-evident audit trail: record schemas, the canonical text that is hashed, the verification rule, and checking an export. */
export * from './record';
export * from './canonical';
export * from './verify';
export * from './export';
