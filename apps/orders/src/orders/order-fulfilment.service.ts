import { Inject, Injectable } from '@nestjs/common';
import {
  DomainEvent,
  EventMetadata,
  OrderCompleted,
  OrderDelivered,
  OrderPaymentCaptured,
  OrderRefunded,
  OrderShipped,
  ReturnRefundRequestedV1,
  ShipmentCreatedV1,
  ShipmentDeliveredV1,
  ShipmentDispatchedV1,
} from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { DomainError, NotFoundError, ownerScope, Principal, SERVICE_CONFIG } from '@emporium/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { OrdersConfig } from '../config';
import { MovementResult } from '../payments/payment-gateway';
import { PaymentLedger, PaymentRow } from '../payments/payment-ledger';
import { OrderTransitions, linesOf } from './order-transitions';
import { IllegalOrderTransitionError } from './order.errors';
import { Order } from './order.entity';
import { refundOf } from './refunds';

/** After confirmation: cancel on request, dispatch (capture), delivery, completion, refunds. */
@Injectable()
export class OrderFulfilment {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly transitions: OrderTransitions,
    private readonly ledger: PaymentLedger,
    @Inject(SERVICE_CONFIG) private readonly config: OrdersConfig,
  ) {}

  /**
   * The customer (its own order) or ops cancels. Allowed from PENDING and CONFIRMED only: once a parcel is
   * dispatched the money is captured and the order goes the return way (409 ILLEGAL_ORDER_TRANSITION).
   */
  async cancelOnRequest(id: string, principal: Principal, detail?: string) {
    await this.dataSource.transaction(async (manager) => {
      const order = await this.transitions.lockOne(manager, id);
      const ownCustomer = ownerScope(principal, 'customer');
      if (!order || (ownCustomer !== undefined && order.customerId !== ownCustomer))
        throw new NotFoundError('order', id);
      if (order.status !== 'PENDING' && order.status !== 'CONFIRMED')
        throw new IllegalOrderTransitionError(order.id, order.status, 'CANCELLED');
      const byOps = principal.roles.includes('ops') && ownCustomer === undefined;
      await this.transitions.cancel(manager, [
        {
          order,
          reason: byOps ? 'OPS_REQUEST' : 'CUSTOMER_REQUEST',
          detail: detail ?? `cancelled by ${byOps ? 'ops' : 'the customer'} (${principal.subject})`,
        },
      ]);
    });
  }

  /** logistics made a shipment for the order: DELIVERED waits for every one of them. */
  async onShipmentCreated(manager: EntityManager, event: DomainEvent<ShipmentCreatedV1>): Promise<void> {
    await this.trackShipment(manager, event.data.shipmentId, event.data.orderId, 'CREATED');
  }

  /** The first dispatched parcel ships the order and captures the payment. */
  async onShipmentDispatched(manager: EntityManager, event: DomainEvent<ShipmentDispatchedV1>): Promise<void> {
    const order = await this.transitions.lockOne(manager, event.data.orderId);
    await this.trackShipment(manager, event.data.shipmentId, event.data.orderId, 'DISPATCHED');
    if (!order || order.status !== 'CONFIRMED') return;
    const at = new Date();
    order.ship(at, `shipment ${event.data.shipmentId} dispatched`);
    await this.transitions.save(manager, [order]);
    await this.outbox.publish(
      manager,
      OrderShipped,
      {
        orderId: order.id,
        customerId: order.customerId,
        shipmentIds: [event.data.shipmentId],
        shippedAt: at.toISOString(),
      },
      { causedBy: event.metadata },
    );
    await this.ledger.capture(manager, order, event.metadata);
  }

  /** DELIVERED once every shipment of the order is delivered; the return window opens. */
  async onShipmentDelivered(manager: EntityManager, event: DomainEvent<ShipmentDeliveredV1>): Promise<void> {
    const order = await this.transitions.lockOne(manager, event.data.orderId);
    await this.trackShipment(manager, event.data.shipmentId, event.data.orderId, 'DELIVERED');
    if (!order || order.status !== 'SHIPPED') return;
    const [{ open }] = await manager.query(
      `SELECT count(*)::int AS open FROM order_shipments WHERE order_id = $1 AND status <> 'DELIVERED'`,
      [order.id],
    );
    if (open > 0) return;
    const at = new Date();
    order.deliver(
      at,
      this.config.ORDER_RETURN_WINDOW_SECONDS / 86_400,
      `every shipment delivered (last ${event.data.shipmentId})`,
    );
    await this.transitions.save(manager, [order]);
    await this.outbox.publish(manager, OrderDelivered, {
      orderId: order.id,
      customerId: order.customerId,
      currency: order.currency,
      lines: linesOf(order),
      totalAmount: order.totalAmount,
      deliveredAt: at.toISOString(),
      returnWindowEndsAt: order.returnWindowEndsAt!.toISOString(),
    });
  }

  /**
   * Orders whose return window closed complete (by a periodic job; SKIP LOCKED across replicas), once: an
   * order refunded in part after it completed (a return accepted later) is PARTIALLY_REFUNDED again and must
   * not complete a second time (a second `order.completed` would count the sale again downstream).
   */
  async completeDue(limit = 100): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const due: { id: string }[] = await manager.query(
        `SELECT id FROM orders o WHERE status IN ('DELIVERED', 'PARTIALLY_REFUNDED') AND return_window_ends_at <= now()
           AND NOT EXISTS (SELECT 1 FROM order_status_changes c WHERE c.order_id = o.id AND c.status = 'COMPLETED')
         ORDER BY return_window_ends_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      const orders = [
        ...(
          await this.transitions.lock(
            manager,
            due.map((row) => row.id),
          )
        ).values(),
      ];
      const at = new Date();
      for (const order of orders) order.complete(at);
      await this.transitions.save(manager, orders);
      await this.outbox.publishAll(
        manager,
        orders.map((order) => ({
          definition: OrderCompleted,
          data: {
            orderId: order.id,
            customerId: order.customerId,
            currency: order.currency,
            lines: linesOf(order)
              .filter((line) => line.merchantId)
              .map((line) => ({
                sku: line.sku,
                merchantId: line.merchantId!,
                quantity: line.quantity,
                unitPrice: line.unitPrice,
                lineTotal: line.lineTotal,
              })),
            totalAmount: order.totalAmount,
            completedAt: at.toISOString(),
          },
        })),
      );
      return orders.length;
    });
  }

  /**
   * customer-service asks for a refund of some units. Once per returnId (the ledger's unique index): a
   * doubled request refunds once. The money is the lines' price net of their discount share; the points
   * the order paid with go back pro rata (README "Refunds").
   */
  async onRefundRequested(manager: EntityManager, event: DomainEvent<ReturnRefundRequestedV1>): Promise<void> {
    const request = event.data;
    const order = await this.transitions.lockOne(manager, request.orderId);
    if (!order) throw new NotFoundError('order', request.orderId);
    if (!['DELIVERED', 'PARTIALLY_REFUNDED', 'COMPLETED'].includes(order.status))
      throw new IllegalOrderTransitionError(order.id, order.status, 'REFUNDED');
    if (request.currency !== order.currency)
      throw new DomainError(
        'REFUND_CURRENCY_MISMATCH',
        `order ${order.id} was paid in ${order.currency}, not ${request.currency}`,
        422,
      );
    const earlier = (await this.ledger.ofOrder(order.id, manager)).filter(
      (row) => row.operation === 'REFUND' && row.status !== 'FAILED',
    );
    if (earlier.some((row) => row.returnId === request.returnId)) return; // this return was refunded already
    const refund = refundOf(order, request.lines, earlier);
    const payment = await this.ledger.refund(
      manager,
      {
        orderId: order.id,
        returnId: request.returnId,
        amount: refund.amount,
        currency: order.currency,
        points: refund.points,
        lines: refund.lines,
      },
      event.metadata,
    );
    // Nothing to send to the gateway (points only): settled now.
    if (payment && payment.status === 'SUCCEEDED') await this.refunded(manager, order, payment, event.metadata);
  }

  /** A capture, void or refund was settled by the gateway. */
  async movementSettled(
    manager: EntityManager,
    payment: PaymentRow,
    result: MovementResult,
    cause?: EventMetadata,
  ): Promise<void> {
    if (result.outcome !== 'SUCCEEDED') return; // the ledger row says FAILED with the reason; ops retries by hand
    const order = await this.transitions.lockOne(manager, payment.orderId);
    if (!order) return;
    if (payment.operation === 'CAPTURE') {
      await this.outbox.publish(
        manager,
        OrderPaymentCaptured,
        {
          orderId: order.id,
          customerId: order.customerId,
          paymentId: payment.id,
          gateway: payment.gateway,
          amount: payment.amount,
          currency: payment.currency,
          capturedAt: new Date().toISOString(),
        },
        { causedBy: cause },
      );
    } else if (payment.operation === 'REFUND') {
      await this.refunded(manager, order, payment, cause);
    }
  }

  private async refunded(
    manager: EntityManager,
    order: Order,
    payment: PaymentRow,
    cause?: EventMetadata,
  ): Promise<void> {
    const refunds = (await this.ledger.ofOrder(order.id, manager)).filter(
      (row) => row.operation === 'REFUND' && row.status === 'SUCCEEDED',
    );
    const refundedUnits = new Map<string, number>();
    for (const row of refunds)
      for (const line of row.lines ?? [])
        refundedUnits.set(line.sku, (refundedUnits.get(line.sku) ?? 0) + line.quantity);
    const fully = order.lines.every((line) => (refundedUnits.get(line.sku) ?? 0) >= line.quantity);
    const at = new Date();
    order.refund(
      fully,
      at,
      `refund ${payment.id} for return ${payment.returnId}: ${payment.amount} ${order.currency} and ${payment.points} points`,
    );
    await this.transitions.save(manager, [order]);
    await this.outbox.publish(
      manager,
      OrderRefunded,
      {
        orderId: order.id,
        customerId: order.customerId,
        refundId: payment.id,
        returnId: payment.returnId ?? undefined,
        currency: order.currency,
        amount: payment.amount,
        pointsRefunded: payment.points,
        lines: payment.lines ?? [],
        fullyRefunded: fully,
        refundedAt: at.toISOString(),
      },
      { causedBy: cause },
    );
  }

  private async trackShipment(
    manager: EntityManager,
    shipmentId: string,
    orderId: string,
    status: 'CREATED' | 'DISPATCHED' | 'DELIVERED',
  ) {
    // Statuses only move forward: a late "created" after "delivered" changes nothing.
    await manager.query(
      `INSERT INTO order_shipments (shipment_id, order_id, status) VALUES ($1, $2, $3)
       ON CONFLICT (shipment_id) DO UPDATE SET status = CASE
         WHEN array_position(ARRAY['CREATED','DISPATCHED','DELIVERED'], EXCLUDED.status) > array_position(ARRAY['CREATED','DISPATCHED','DELIVERED'], order_shipments.status)
         THEN EXCLUDED.status ELSE order_shipments.status END, updated_at = now()`,
      [shipmentId, orderId, status],
    );
  }
}
