import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  DomainEvent,
  OrderCancelledV2,
  OrderCancelledV2Event,
  OrderConfirmed,
  OrderConfirmedV1,
  OrderPlaced,
  OrderPlacedV1,
  ShipmentDispatched,
  ShipmentDispatchedV1,
} from '@emporium/contracts';
import { EventContext } from '@emporium/messaging';
import { ReservationsService } from './reservations.service';

/** An order's stock: held when it is placed, firm when confirmed, released when cancelled, committed when dispatched. */
@Controller()
export class ReservationsHandlers {
  constructor(private readonly reservations: ReservationsService) {}

  /** Batched: a chunk of orders is reserved with one lock of its SKUs and a few statements. */
  @EventPattern(OrderPlaced.type, { batch: true })
  async onOrderPlaced(
    @Payload() events: DomainEvent<OrderPlacedV1>[],
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.reservations.reserveForOrders(events, manager);
  }

  @EventPattern(OrderConfirmed.type)
  async onOrderConfirmed(
    @Payload() event: DomainEvent<OrderConfirmedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.reservations.confirmForOrder(event, manager);
  }

  /** v2 (open reason): orders publishes v1 beside it while v1 subscribers migrate; the consumer skips the v1 copy. */
  @EventPattern(OrderCancelledV2Event.type)
  async onOrderCancelled(
    @Payload() event: DomainEvent<OrderCancelledV2>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.reservations.releaseForOrder(event, manager);
  }

  @EventPattern(ShipmentDispatched.type)
  async onShipmentDispatched(
    @Payload() event: DomainEvent<ShipmentDispatchedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.reservations.commitForShipment(event, manager);
  }
}
