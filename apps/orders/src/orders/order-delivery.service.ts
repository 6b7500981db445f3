import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import {
  DomainEvent,
  EventMetadata,
  OrderCompleted,
  OrderDelivered,
  OrderPaymentCaptured,
  OrderShipped,
  ShipmentCreatedV1,
  ShipmentDeliveredV1,
  ShipmentDispatchedV1,
} from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { SERVICE_CONFIG } from '@emporium/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { OrdersConfig } from '../config';
import { PaymentCalls } from '../payments/payment-calls';
import { PaymentLedger, PaymentRow } from '../payments/payment-ledger';
import { OrderTransitions, linesOf } from './order-transitions';

/**
 * A confirmed order on its way: logistics' parcels move it to SHIPPED (capturing the payment) and
 * DELIVERED, and the close of the return window completes it.
 */
@Injectable()
export class OrderDelivery implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly transitions: OrderTransitions,
    private readonly ledger: PaymentLedger,
    private readonly payments: PaymentCalls,
    @Inject(SERVICE_CONFIG) private readonly config: OrdersConfig,
  ) {}

  onModuleInit(): void {
    this.payments.listen({
      captureSettled: (manager, payment, cause) => this.captureSettled(manager, payment, cause),
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

  /** The gateway captured the money the dispatch asked for. */
  async captureSettled(manager: EntityManager, payment: PaymentRow, cause?: EventMetadata): Promise<void> {
    const order = await this.transitions.lockOne(manager, payment.orderId);
    if (!order) return;
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
