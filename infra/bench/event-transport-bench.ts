/**
 * bench:event-transport — what running handlers through NestJS (a custom transport strategy, @EventPattern,
 * @Payload, @Ctx, the RPC pipeline and exception filter) costs per call, next to calling the same method
 * directly. No broker or database: it isolates the wrapper, to compare with what batching saves.
 *
 *   npm run bench:event-transport
 */
import 'reflect-metadata';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { DomainEvent, OrderPlaced, OrderPlacedV1 } from '@emporium/contracts';
import {
  EventConsumer,
  EventContext,
  EventHandlerRegistration,
  KafkaEventTransport,
  RethrowEventErrors,
} from '@emporium/messaging';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';

let applied = 0;

@Controller()
class BenchHandlers {
  @EventPattern(OrderPlaced.type)
  async onPlaced(@Payload() event: DomainEvent<OrderPlacedV1>, @Ctx() context: EventContext): Promise<void> {
    if (event.data.orderId && context.topic) applied++;
  }
}

@Module({ controllers: [BenchHandlers] })
class BenchModule {}

async function main() {
  const app = await NestFactory.create(BenchModule, { logger: false });
  let registrations: EventHandlerRegistration[] = [];
  // Only the hand-over matters here: the consumer part is replaced by one that keeps the registrations.
  const consumer = {
    start: async (found: EventHandlerRegistration[]) => void (registrations = found),
    stop: async () => undefined,
  } as unknown as EventConsumer;
  const microservice = app.connectMicroservice(
    { strategy: new KafkaEventTransport(consumer) },
    { deferInitialization: true },
  );
  microservice.useGlobalFilters(new RethrowEventErrors());
  await app.startAllMicroservices();
  const [registration] = registrations;
  const handlers = app.get(BenchHandlers);
  const event: DomainEvent<OrderPlacedV1> = {
    metadata: {
      id: randomUUID(),
      type: OrderPlaced.type,
      source: '/bench',
      time: new Date().toISOString(),
      subject: OrderPlaced.example.orderId,
    },
    data: OrderPlaced.example,
  };
  const context = new EventContext({} as EntityManager, 'orders.order.v1', 0);
  const N = Number(process.env.CALLS ?? 200_000);
  const time = async (run: () => Promise<void>) => {
    for (let i = 0; i < 20_000; i++) await run(); // warm-up
    const started = process.hrtime.bigint();
    for (let i = 0; i < N; i++) await run();
    return Number(process.hrtime.bigint() - started) / N / 1000;
  };
  const direct = await time(() => handlers.onPlaced(event, context));
  const throughNest = await time(() => registration.invoke(event, context));
  console.log(`bench:event-transport — ${N.toLocaleString()} calls each`);
  console.log(`  direct method call:              ${direct.toFixed(2)} µs/call`);
  console.log(
    `  through the Nest event transport: ${throughNest.toFixed(2)} µs/call (+${(throughNest - direct).toFixed(2)} µs)`,
  );
  console.log(
    `  (applied ${applied.toLocaleString()} events; compare with ~400 µs of CPU for one transaction per event)`,
  );
  await app.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
