import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { EventConsumer } from './event-consumer';
import { KafkaConnection } from './kafka-connection';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { Outbox } from './outbox';
import { OutboxRelay } from './outbox-relay';

/**
 * Everything a service needs to publish and consume events: `Outbox` to write events in a transaction,
 * the relay that sends them, and the consumer that runs @OnEvent handlers. Needs TypeORM's DataSource.
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [{ provide: MESSAGING_OPTIONS, useValue: options }, KafkaConnection, Outbox, OutboxRelay, EventConsumer],
      exports: [MESSAGING_OPTIONS, KafkaConnection, Outbox, EventConsumer, OutboxRelay],
    };
  }
}
