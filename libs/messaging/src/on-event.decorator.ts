import { SetMetadata } from '@nestjs/common';
import { DomainEvent, EventDefinition } from '@emporium/contracts';
import { EntityManager } from 'typeorm';

export const ON_EVENT_METADATA = 'emporium:on-event';

/**
 * A handler receives the validated event and the transaction it must do its writes in: the inbox
 * entry is written in the same transaction, so effects and deduplication commit together.
 */
export type EventHandlerMethod<T> = (event: DomainEvent<T>, manager: EntityManager) => Promise<void>;

/**
 * Marks a provider method as the handler of one event version:
 *   @OnEvent(OrderPlaced) reserve(event: DomainEvent<OrderPlacedV1>, manager: EntityManager) { ... }
 */
export function OnEvent<T extends object>(definition: EventDefinition<T>) {
  return (target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<EventHandlerMethod<T>>) =>
    SetMetadata(ON_EVENT_METADATA, definition)(target, key, descriptor);
}
