export * from './test-run';
export * from './topic-reader';
export * from './service-under-test';
export * from './integration-suite';
export * from './process-cpu';
export * from './bench-runtime';
