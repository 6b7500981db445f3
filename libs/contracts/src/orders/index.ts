export * from './order-line.v1';
export * from './shipping.v1';
export * from './order-placed.v1';
export * from './order-confirmed.v1';
export * from './order-cancelled.v1';
export * from './order-completed.v1';
