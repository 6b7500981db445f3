export * from './return-inspected.v1';
export * from './ticket-opened.v1';
export * from './return-approved.v1';
export * from './review-published.v1';
export * from './return-refund-requested.v1';
export * from './compensation-requested.v1';
export * from './ticket-lifecycle.v1';
