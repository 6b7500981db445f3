import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  CouponRedemptionFailed,
  CouponRedemptionFailedV1,
  CouponsRedeemed,
  CouponsRedeemedV1,
  DomainEvent,
  PointsHeld,
  PointsHeldV1,
  PointsHoldFailed,
  PointsHoldFailedV1,
  ReturnRefundRequested,
  ReturnRefundRequestedV1,
  ShipmentCreated,
  ShipmentCreatedV1,
  ShipmentDelivered,
  ShipmentDeliveredV1,
  ShipmentDispatched,
  ShipmentDispatchedV1,
  StockReservationExpired,
  StockReservationExpiredV1,
  StockReservationFailed,
  StockReservationFailedV1,
  StockReserved,
  StockReservedV1,
} from '@emporium/contracts';
import { EventContext } from '@emporium/messaging';
import { OrderDelivery } from './order-delivery.service';
import { OrderRefunds } from './order-refunds.service';
import { OrderSaga } from './order-saga.service';

/** The saga participants' answers (confirmation-saga.ts) and logistics' and customer-service's events. */
@Controller()
export class OrdersHandlers {
  constructor(
    private readonly saga: OrderSaga,
    private readonly delivery: OrderDelivery,
    private readonly refunds: OrderRefunds,
  ) {}

  /** Batched: a chunk of stock answers is recorded under one lock. */
  @EventPattern(StockReserved.type, { batch: true })
  async onStockReserved(
    @Payload() events: DomainEvent<StockReservedV1>[],
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.saga.answer(
      manager,
      events.map((event) => ({ orderId: event.data.orderId, participant: 'stock', yes: true, cause: event.metadata })),
    );
  }

  @EventPattern(StockReservationFailed.type)
  async onStockReservationFailed(
    @Payload() event: DomainEvent<StockReservationFailedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    const detail = event.data.unavailable
      .map((line) => `${line.sku}: ${line.reason}, requested ${line.requested}, available ${line.available}`)
      .join('; ');
    await this.saga.answer(manager, [
      {
        orderId: event.data.orderId,
        participant: 'stock',
        yes: false,
        reason: event.data.reason,
        detail,
        cause: event.metadata,
      },
    ]);
  }

  /** Inventory gave the units back before the order was confirmed: it can no longer be fulfilled as placed. */
  @EventPattern(StockReservationExpired.type)
  async onStockReservationExpired(
    @Payload() event: DomainEvent<StockReservationExpiredV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.saga.answer(manager, [
      {
        orderId: event.data.orderId,
        participant: 'stock',
        yes: false,
        reason: 'CONFIRMATION_DEADLINE_PASSED',
        detail: `stock reservation expired at ${event.data.expiredAt}`,
        cause: event.metadata,
        expiry: true,
      },
    ]);
  }

  @EventPattern(CouponsRedeemed.type)
  async onCouponsRedeemed(
    @Payload() event: DomainEvent<CouponsRedeemedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.saga.answer(manager, [
      { orderId: event.data.orderId, participant: 'coupons', yes: true, cause: event.metadata },
    ]);
  }

  @EventPattern(CouponRedemptionFailed.type)
  async onCouponRedemptionFailed(
    @Payload() event: DomainEvent<CouponRedemptionFailedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    const detail = `coupon ${event.data.couponCode ?? ''} ${event.data.reason}`.replace('  ', ' ');
    await this.saga.answer(manager, [
      { orderId: event.data.orderId, participant: 'coupons', yes: false, detail, cause: event.metadata },
    ]);
  }

  @EventPattern(PointsHeld.type)
  async onPointsHeld(@Payload() event: DomainEvent<PointsHeldV1>, @Ctx() { manager }: EventContext): Promise<void> {
    await this.saga.answer(manager, [
      { orderId: event.data.orderId, participant: 'points', yes: true, cause: event.metadata },
    ]);
  }

  @EventPattern(PointsHoldFailed.type)
  async onPointsHoldFailed(
    @Payload() event: DomainEvent<PointsHoldFailedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    const detail = `${event.data.reason}: requested ${event.data.requestedPoints}, available ${event.data.availablePoints}`;
    await this.saga.answer(manager, [
      { orderId: event.data.orderId, participant: 'points', yes: false, detail, cause: event.metadata },
    ]);
  }

  @EventPattern(ShipmentCreated.type)
  async onShipmentCreated(
    @Payload() event: DomainEvent<ShipmentCreatedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.delivery.onShipmentCreated(manager, event);
  }

  @EventPattern(ShipmentDispatched.type)
  async onShipmentDispatched(
    @Payload() event: DomainEvent<ShipmentDispatchedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.delivery.onShipmentDispatched(manager, event);
  }

  @EventPattern(ShipmentDelivered.type)
  async onShipmentDelivered(
    @Payload() event: DomainEvent<ShipmentDeliveredV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.delivery.onShipmentDelivered(manager, event);
  }

  @EventPattern(ReturnRefundRequested.type)
  async onRefundRequested(
    @Payload() event: DomainEvent<ReturnRefundRequestedV1>,
    @Ctx() { manager }: EventContext,
  ): Promise<void> {
    await this.refunds.onRefundRequested(manager, event);
  }
}
