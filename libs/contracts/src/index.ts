export * from './envelope';
export * from './topics';
export * from './event-definition';
export * from './registry';
export * from './orders';
export * from './inventory';
export * from './catalog';
