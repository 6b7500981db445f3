export * from './coupon-redemption.v1';
