export * from './points-hold.v1';
export * from './tier-changed.v1';
export * from './member-lifecycle.v1';
export * from './points-ledger.v1';
