import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  DomainEvent,
  OrderCancelledV2,
  OrderCancelledV2Event,
  OrderConfirmed,
  OrderConfirmedV1,
  OrderDelivered,
  OrderDeliveredV1,
  OrderRefunded,
  OrderRefundedV1,
  OrderShipped,
  OrderShippedV1,
  ShipmentReturnCreated,
  ShipmentReturnCreatedV1,
  ShipmentReturnReceived,
  ShipmentReturnReceivedV1,
  SkuAdded,
  SkuAddedV1,
} from '@emporium/contracts';
import { EventContext } from '@emporium/messaging';
import { NotificationsService } from '../notifications/notifications.service';
import { OrderHistoryService } from '../orders/order-history.service';
import { ReturnsService } from '../returns/returns.service';

/**
 * Every event customer-service consumes, in one place; each handler only hands over to the services
 * (several features react to one event, in the one transaction of its inbox entry).
 */
@Controller()
export class EventsHandlers {
  constructor(
    private readonly orders: OrderHistoryService,
    private readonly returns: ReturnsService,
    private readonly notifications: NotificationsService,
  ) {}

  @EventPattern(SkuAdded.type)
  async onSkuAdded(@Payload() event: DomainEvent<SkuAddedV1>, @Ctx() { manager }: EventContext): Promise<void> {
    await this.orders.onSkuAdded(event, manager);
  }

  @EventPattern(OrderConfirmed.type)
  async onOrderConfirmed(@Payload() event: DomainEvent<OrderConfirmedV1>, @Ctx() { manager }: EventContext): Promise<void> {
    await this.orders.onConfirmed(event, manager);
    const { orderId, customerId, totalAmount, currency } = event.data;
    await this.notifications.queue(manager, { memberId: customerId, template: 'ORDER_CONFIRMED', dedupeKey: `ORDER_CONFIRMED:${orderId}`, data: { orderId, totalAmount, currency } });
  }

  @EventPattern(OrderShipped.type)
  async onOrderShipped(@Payload() event: DomainEvent<OrderShippedV1>, @Ctx() { manager }: EventContext): Promise<void> {
    await this.orders.onShipped(event, manager);
    const { orderId, customerId } = event.data;
    await this.notifications.queue(manager, { memberId: customerId, template: 'ORDER_SHIPPED', dedupeKey: `ORDER_SHIPPED:${orderId}`, data: { orderId } });
  }

  @EventPattern(OrderDelivered.type)
  async onOrderDelivered(@Payload() event: DomainEvent<OrderDeliveredV1>, @Ctx() { manager }: EventContext): Promise<void> {
    await this.orders.onDelivered(event, manager);
    const { orderId, customerId, returnWindowEndsAt } = event.data;
    await this.notifications.queue(manager, { memberId: customerId, template: 'ORDER_DELIVERED', dedupeKey: `ORDER_DELIVERED:${orderId}`, data: { orderId, returnWindowEndsAt } });
  }

  @EventPattern(OrderCancelledV2Event.type)
  async onOrderCancelled(@Payload() event: DomainEvent<OrderCancelledV2>, @Ctx() { manager }: EventContext): Promise<void> {
    await this.orders.onCancelled(event, manager);
  }

  @EventPattern(OrderRefunded.type)
  async onOrderRefunded(@Payload() event: DomainEvent<OrderRefundedV1>, @Ctx() { manager }: EventContext): Promise<void> {
    const ownReturn = await this.returns.onRefunded(event, manager);
    await this.orders.onRefunded(event, ownReturn, manager);
  }

  @EventPattern(ShipmentReturnCreated.type)
  async onReturnShipmentCreated(@Payload() event: DomainEvent<ShipmentReturnCreatedV1>, @Ctx() { manager }: EventContext): Promise<void> {
    await this.returns.onReturnShipmentCreated(event, manager);
  }

  @EventPattern(ShipmentReturnReceived.type)
  async onReturnReceived(@Payload() event: DomainEvent<ShipmentReturnReceivedV1>, @Ctx() { manager }: EventContext): Promise<void> {
    await this.returns.onReturnReceived(event, manager);
  }
}
