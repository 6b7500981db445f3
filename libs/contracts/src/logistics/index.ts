export * from './shipment-dispatched.v1';
export * from './shipment-delayed.v1';
export * from './shipment-created.v1';
export * from './shipment-tracking.v1';
export * from './shipment-exceptions.v1';
export * from './shipment-returns.v1';
