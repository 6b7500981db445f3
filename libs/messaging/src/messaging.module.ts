import { DynamicModule, INestApplication, Module } from '@nestjs/common';
import { KafkaEventTransport, RethrowEventErrors } from './event-transport';
import { EventConsumer } from './event-consumer';
import { ExternalCalls } from './external-calls';
import { KafkaConnection } from './kafka-connection';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { Outbox } from './outbox';
import { OutboxRelay } from './outbox-relay';

/**
 * Everything a service needs to publish and consume events: `Outbox` to write events in a transaction,
 * the relay that sends them, and the consumer that runs @EventPattern handlers. Needs TypeORM's DataSource.
 * The consumer starts when the app connects the event transport (`connectEventTransport`).
 */
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        KafkaConnection,
        Outbox,
        OutboxRelay,
        EventConsumer,
        ExternalCalls,
      ],
      exports: [MESSAGING_OPTIONS, KafkaConnection, Outbox, EventConsumer, OutboxRelay, ExternalCalls],
    };
  }
}

/**
 * Makes the service a NestJS hybrid application: HTTP plus our Kafka event transport, whose
 * @EventPattern handlers (in controllers) are run by EventConsumer. Call before `app.listen`.
 */
export async function connectEventTransport(app: INestApplication): Promise<void> {
  const transport = new KafkaEventTransport(app.get(EventConsumer));
  // Deferred, so the filter is in place before Nest wraps the handlers (it binds filters at registration).
  // The HTTP app's guards, pipes and filters are not inherited: they are about requests, not events.
  const microservice = app.connectMicroservice({ strategy: transport }, { deferInitialization: true });
  microservice.useGlobalFilters(new RethrowEventErrors());
  // The lifecycle hooks are the HTTP app's to run (once); the microservice shares its container.
  (microservice as unknown as { setIsInitHookCalled(called: boolean): void }).setIsInitHookCalled(true);
  await app.startAllMicroservices();
}
