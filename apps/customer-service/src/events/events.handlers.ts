import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  BirthdayRewardGranted,
  BirthdayRewardGrantedV1,
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
  ShipmentDamaged,
  ShipmentDamagedV1,
  ShipmentDelayed,
  ShipmentDelayedV1,
  ShipmentLost,
  ShipmentLostV1,
  ShipmentReturnCreated,
  ShipmentReturnCreatedV1,
  ShipmentReturnReceived,
  ShipmentReturnReceivedV1,
  SkuAdded,
  SkuAddedV1,
} from '@emporium/contracts';
import { EventContext } from '@emporium/messaging';
import { ProactiveCareService } from '../care/proactive-care.service';
import { NotificationsService } from '../notifications/notifications.service';
import { OrderHistoryService } from '../orders/order-history.service';
import { ReturnParcelService } from '../returns/return-parcel.service';
import { ReturnSettlementService } from '../returns/return-settlement.service';
import { SurveysService } from '../surveys/surveys.service';

/**
 * Every event customer-service consumes, in one place; each handler only hands over to the services
 * (several features react to one event, in the one transaction of its inbox entry).
 */
@Controller()
export class EventsHandlers {
  constructor(
    private readonly orders: OrderHistoryService,
    private readonly returnParcels: ReturnParcelService,
    private readonly returnSettlement: ReturnSettlementService,
    private readonly notifications: NotificationsService,
    private readonly care: ProactiveCareService,
    private readonly surveys: SurveysService,
  ) {}

  @EventPattern(SkuAdded.type)
  async onSkuAdded(@Payload() event: DomainEvent<SkuAddedV1>, @Ctx() { manager }: EventContext): Promise<void> {
    await this.orders.onSkuAdded(event, manager);
  }

  @EventPattern(OrderConfirmed.type)
  async onOrderConfirmed(
    @Payload() event: DomainEvent<OrderConfirmedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.orders.onConfirmed(event, manager);
    const { orderId, customerId, totalAmount, currency } = event.data;
    await this.notifications.queue(manager, {
      memberId: customerId,
      template: 'ORDER_CONFIRMED',
      dedupeKey: `ORDER_CONFIRMED:${orderId}`,
      data: { orderId, totalAmount, currency },
    });
  }

  @EventPattern(OrderShipped.type)
  async onOrderShipped(@Payload() event: DomainEvent<OrderShippedV1>, @Ctx() { manager }: EventContext): Promise<void> {
    await this.orders.onShipped(event, manager);
    const { orderId, customerId } = event.data;
    await this.notifications.queue(manager, {
      memberId: customerId,
      template: 'ORDER_SHIPPED',
      dedupeKey: `ORDER_SHIPPED:${orderId}`,
      data: { orderId },
    });
  }

  @EventPattern(OrderDelivered.type)
  async onOrderDelivered(
    @Payload() event: DomainEvent<OrderDeliveredV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.orders.onDelivered(event, manager);
    const { orderId, customerId, returnWindowEndsAt, lines } = event.data;
    await this.notifications.queue(manager, {
      memberId: customerId,
      template: 'ORDER_DELIVERED',
      dedupeKey: `ORDER_DELIVERED:${orderId}`,
      data: { orderId, returnWindowEndsAt },
    });
    const merchantIds = lines.map((line) => line.merchantId).filter((id): id is string => Boolean(id));
    await this.surveys.afterDelivery(manager, { orderId, customerId, merchantIds });
  }

  @EventPattern(OrderCancelledV2Event.type)
  async onOrderCancelled(
    @Payload() event: DomainEvent<OrderCancelledV2>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.orders.onCancelled(event, manager);
  }

  @EventPattern(OrderRefunded.type)
  async onOrderRefunded(
    @Payload() event: DomainEvent<OrderRefundedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    const ownReturn = await this.returnSettlement.onRefunded(event, manager);
    await this.orders.onRefunded(event, ownReturn, manager);
  }

  @EventPattern(ShipmentReturnCreated.type)
  async onReturnShipmentCreated(
    @Payload() event: DomainEvent<ShipmentReturnCreatedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.returnParcels.onReturnShipmentCreated(event, manager);
  }

  @EventPattern(ShipmentReturnReceived.type)
  async onReturnReceived(
    @Payload() event: DomainEvent<ShipmentReturnReceivedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.returnParcels.onReturnReceived(event, manager);
  }

  @EventPattern(ShipmentDelayed.type)
  async onShipmentDelayed(
    @Payload() event: DomainEvent<ShipmentDelayedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    const { shipmentId, orderId, merchantId, detail } = event.data;
    await this.care.onShipmentException(
      { cause: 'SHIPMENT_DELAYED', shipmentId, orderId, merchantId, detail },
      manager,
    );
  }

  @EventPattern(ShipmentLost.type)
  async onShipmentLost(@Payload() event: DomainEvent<ShipmentLostV1>, @Ctx() { manager }: EventContext): Promise<void> {
    const { shipmentId, orderId, merchantId, detail } = event.data;
    await this.care.onShipmentException({ cause: 'SHIPMENT_LOST', shipmentId, orderId, merchantId, detail }, manager);
  }

  @EventPattern(ShipmentDamaged.type)
  async onShipmentDamaged(
    @Payload() event: DomainEvent<ShipmentDamagedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    const { shipmentId, orderId, merchantId, detail } = event.data;
    await this.care.onShipmentException(
      { cause: 'SHIPMENT_DAMAGED', shipmentId, orderId, merchantId, detail },
      manager,
    );
  }

  @EventPattern(BirthdayRewardGranted.type)
  async onBirthday(
    @Payload() event: DomainEvent<BirthdayRewardGrantedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    const { memberId, year, points } = event.data;
    await this.notifications.queue(manager, {
      memberId,
      template: 'BIRTHDAY',
      dedupeKey: `BIRTHDAY:${memberId}:${year}`,
      data: { points, year },
    });
  }
}
