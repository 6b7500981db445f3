export * from './merchant-status.v1';
export * from './merchant-registered.v1';
export * from './merchant-approved.v1';
export * from './merchant-rejected.v1';
export * from './merchant-suspended.v1';
export * from './merchant-reinstated.v1';
export * from './merchant-score-changed.v1';
export * from './merchant-document-expiring.v1';
