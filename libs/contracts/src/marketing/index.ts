export * from './coupon-redemption.v1';
export * from './coupon-issued.v1';
export * from './promotion-events.v1';
