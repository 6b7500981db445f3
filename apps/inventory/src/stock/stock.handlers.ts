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
  ReturnInspected,
  ReturnInspectedV1,
  ShipmentDispatched,
  ShipmentDispatchedV1,
  SkuAdded,
  SkuAddedV1,
} from '@emporium/contracts';
import { EventContext } from '@emporium/messaging';
import { ReservationsService } from './reservations.service';
import { StockService } from './stock.service';

@Controller()
export class StockHandlers {
  constructor(
    private readonly stock: StockService,
    private readonly reservations: ReservationsService,
  ) {}

  @EventPattern(SkuAdded.type)
  async onSkuAdded(@Payload() event: DomainEvent<SkuAddedV1>, @Ctx() { manager }: EventContext): Promise<void> {
    await this.stock.registerSku(event, manager);
  }

  /** Batched: a chunk of orders is reserved with one lock of its SKUs and a few statements. */
  @EventPattern(OrderPlaced.type, { batch: true })
  async onOrderPlaced(@Payload() events: DomainEvent<OrderPlacedV1>[], @Ctx() { manager }: EventContext): Promise<void> {
    await this.reservations.reserveForOrders(events, manager);
  }

  @EventPattern(OrderConfirmed.type)
  async onOrderConfirmed(@Payload() event: DomainEvent<OrderConfirmedV1>, @Ctx() { manager }: EventContext): Promise<void> {
    await this.reservations.confirmForOrder(event, manager);
  }

  /** v2 (open reason): orders publishes v1 beside it while v1 subscribers migrate; the consumer skips the v1 copy. */
  @EventPattern(OrderCancelledV2Event.type)
  async onOrderCancelled(@Payload() event: DomainEvent<OrderCancelledV2>, @Ctx() { manager }: EventContext): Promise<void> {
    await this.reservations.releaseForOrder(event, manager);
  }

  @EventPattern(ShipmentDispatched.type)
  async onShipmentDispatched(@Payload() event: DomainEvent<ShipmentDispatchedV1>, @Ctx() { manager }: EventContext): Promise<void> {
    await this.reservations.commitForShipment(event, manager);
  }

  @EventPattern(ReturnInspected.type)
  async onReturnInspected(@Payload() event: DomainEvent<ReturnInspectedV1>, @Ctx() { manager }: EventContext): Promise<void> {
    await this.stock.receiveReturn(event, manager);
  }
}
