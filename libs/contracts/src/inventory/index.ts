export * from './reserved-line.v1';
export * from './stock-received.v1';
export * from './stock-reserved.v1';
export * from './stock-reservation-failed.v1';
export * from './stock-released.v1';
