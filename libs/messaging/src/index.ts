export * from './messaging.options';
export * from './messaging.module';
export * from './messaging.migration';
export * from './messaging.metrics';
export * from './kafka-connection';
export * from './outbox';
export * from './outbox-relay';
export * from './inbox';
export * from './event-consumer';
export * from './event-context';
export * from './event-transport';
export * from './failure-policy';
export * from './parking';
export * from './dead-letters';
export * from './dead-letter-replay';
export * from './topics-admin';
export * from './trace-context';
// Types for tests and tools that read topics directly; services never need them.
export type { Kafka, KafkaMessage, IHeaders } from 'kafkajs';
