export * from './shipment-dispatched.v1';
export * from './shipment-delayed.v1';
