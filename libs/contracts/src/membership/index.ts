export * from './points-hold.v1';
export * from './tier-changed.v1';
