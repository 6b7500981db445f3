import { DomainEvent } from '@emporium/contracts';
import { BaseRpcContext } from '@nestjs/microservices';
import { EntityManager } from 'typeorm';

/**
 * What an event handler gets through `@Ctx()`: the transaction its writes must use (the inbox entries
 * of the events commit in it, so effects and deduplication commit together), and where the events
 * came from.
 *
 *   @EventPattern(OrderPlaced.type)
 *   reserve(@Payload() event: DomainEvent<OrderPlacedV1>, @Ctx() context: EventContext) { ... context.manager ... }
 *
 *   @EventPattern(OrderPlaced.type, { batch: true })
 *   reserveAll(@Payload() events: DomainEvent<OrderPlacedV1>[], @Ctx() context: EventContext) { ... }
 */
export class EventContext extends BaseRpcContext<[EntityManager, string, number]> {
  constructor(
    readonly manager: EntityManager,
    /** The topic without the run's prefix, e.g. `orders.order.v1`. */
    readonly topic: string,
    readonly partition: number,
  ) {
    super([manager, topic, partition]);
  }
}

/** Options of `@EventPattern(type, extras)` that the event transport understands. */
export interface EventPatternExtras {
  /**
   * Receive every event of a run of consecutive events of this type in the chunk as one array, in
   * partition order. A batch handler must give each event the effect it would have alone, in order.
   */
  batch?: boolean;
}

/** A handler as the consumer runs it: one event or a batch, always inside the chunk's transaction. */
export interface EventHandlerRegistration {
  type: string;
  batch: boolean;
  invoke(payload: DomainEvent<object> | DomainEvent<object>[], context: EventContext): Promise<void>;
}
