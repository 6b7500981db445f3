import { ArgumentsHost, Catch, RpcExceptionFilter } from '@nestjs/common';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { lastValueFrom, Observable, throwError } from 'rxjs';
import { EventContext, EventHandlerRegistration, EventPatternExtras } from './event-context';
import { EventConsumer } from './event-consumer';

/**
 * Our consumer as a NestJS custom transport strategy: services declare handlers the way the NestJS
 * documentation shows (`@EventPattern` in a controller, `@Payload()`, `@Ctx()`), started with
 * `app.connectMicroservice({ strategy })`, while EventConsumer keeps owning what Nest's built-in Kafka
 * transport does not give us: the inbox transaction, chunked apply, offsets, retries, dead letters and
 * parked keys. See docs/architecture.md, "The event path".
 */
export class KafkaEventTransport extends Server implements CustomTransportStrategy {
  constructor(private readonly consumer: EventConsumer) {
    super();
  }

  async listen(callback: () => void): Promise<void> {
    const registrations: EventHandlerRegistration[] = [];
    for (const [pattern, head] of this.getHandlers()) {
      // Nest chains several handlers of one event pattern through `next`.
      for (let handler: MessageHandler | undefined = head; handler; handler = handler.next) {
        if (!handler.isEventHandler)
          throw new Error(`${pattern}: only @EventPattern handlers are supported by the event transport`);
        const extras = (handler.extras ?? {}) as EventPatternExtras;
        const run = handler;
        registrations.push({
          type: pattern,
          batch: extras.batch === true,
          invoke: async (payload, context) => {
            const result = await run(payload, context);
            await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
          },
        });
      }
    }
    await this.consumer.start(registrations);
    callback();
  }

  async close(): Promise<void> {
    await this.consumer.stop();
  }

  on(): void {
    throw new Error('the event transport has no events to subscribe to');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }
}

/**
 * Nest's default RPC filter turns any error into `{ status: 'error', message: 'Internal server error' }`;
 * the consumer needs the original (its SQLSTATE or domain kind decides wait, retry or dead letter).
 */
@Catch()
export class RethrowEventErrors implements RpcExceptionFilter {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}

/** The consumer's context type, re-exported for handler signatures. */
export { EventContext };
