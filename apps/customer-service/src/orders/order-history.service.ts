import { Injectable } from '@nestjs/common';
import {
  DomainEvent,
  OrderCancelledV2,
  OrderConfirmedV1,
  OrderDeliveredV1,
  OrderLineV1,
  OrderRefundedV1,
  OrderShippedV1,
  SkuAddedV1,
} from '@emporium/contracts';
import { EntityManager } from 'typeorm';

export interface OrderRecord {
  orderId: string;
  customerId: string;
  currency: string;
  status: string;
  deliveredAt: Date | null;
}

export interface OrderLineRecord {
  sku: string;
  merchantId: string | null;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
  discount: number;
  refundRequested: number;
  refundedOutsideReturns: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg rows
export const orderFromRow = (row: any): OrderRecord => ({
  orderId: row.order_id,
  customerId: row.customer_id,
  currency: row.currency,
  status: row.status,
  deliveredAt: row.delivered_at,
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg rows
export const lineFromRow = (row: any): OrderLineRecord => ({
  sku: row.sku,
  merchantId: row.merchant_id,
  quantity: row.quantity,
  unitPrice: row.unit_price,
  lineTotal: row.line_total,
  discount: row.discount,
  refundRequested: row.refund_requested_quantity,
  refundedOutsideReturns: row.refunded_outside_returns,
});

/** Statuses orders moves through that a later, out-of-order event must not move back. */
const FINAL = ['REFUNDED', 'CANCELLED'];

/**
 * What customer-service knows of orders, from orders' own events: who placed each order (proactive care
 * needs the customer of a shipment), and, once delivered, the lines with their merchant and discount share
 * (returns and reviews are checked against these, never against what a request says).
 */
@Injectable()
export class OrderHistoryService {
  async onConfirmed(event: DomainEvent<OrderConfirmedV1>, manager: EntityManager): Promise<void> {
    const { orderId, customerId, currency, totalAmount } = event.data;
    await manager.query(
      `INSERT INTO orders (order_id, customer_id, currency, status, total_amount) VALUES ($1, $2, $3, 'CONFIRMED', $4) ON CONFLICT (order_id) DO NOTHING`,
      [orderId, customerId, currency, totalAmount],
    );
  }

  async onShipped(event: DomainEvent<OrderShippedV1>, manager: EntityManager): Promise<void> {
    // Shipped carries no currency: an order first heard of here is remembered once confirmed or delivered says it.
    await manager.query(
      `UPDATE orders SET status = 'SHIPPED', updated_at = now() WHERE order_id = $1 AND status = 'CONFIRMED'`,
      [event.data.orderId],
    );
  }

  /** The lines really delivered, with merchant and discount share. A redelivery changes nothing. */
  async onDelivered(event: DomainEvent<OrderDeliveredV1>, manager: EntityManager): Promise<boolean> {
    const order = event.data;
    const inserted: unknown[] = await manager.query(
      `INSERT INTO orders (order_id, customer_id, currency, status, delivered_at, return_window_ends_at, total_amount)
       VALUES ($1, $2, $3, 'DELIVERED', $4, $5, $6)
       ON CONFLICT (order_id) DO UPDATE SET status = CASE WHEN orders.status = ANY($7) THEN orders.status ELSE 'DELIVERED' END,
              delivered_at = EXCLUDED.delivered_at, return_window_ends_at = EXCLUDED.return_window_ends_at,
              total_amount = EXCLUDED.total_amount, updated_at = now()
        WHERE orders.delivered_at IS NULL
       RETURNING order_id`,
      [
        order.orderId,
        order.customerId,
        order.currency,
        order.deliveredAt,
        order.returnWindowEndsAt,
        order.totalAmount,
        FINAL,
      ],
    );
    if (inserted.length === 0) return false;
    for (const line of mergeBySku(order.lines)) {
      await manager.query(
        `INSERT INTO order_lines (order_id, sku, merchant_id, quantity, unit_price, line_total, discount) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (order_id, sku) DO NOTHING`,
        [
          order.orderId,
          line.sku,
          line.merchantId ?? null,
          line.quantity,
          line.unitPrice,
          line.lineTotal,
          line.discount ?? 0,
        ],
      );
    }
    return true;
  }

  async onCancelled(event: DomainEvent<OrderCancelledV2>, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE orders SET status = 'CANCELLED', updated_at = now() WHERE order_id = $1`, [
      event.data.orderId,
    ]);
  }

  /**
   * Units refunded without a return of ours (`ownReturn` false) no longer count as returnable; a refund of
   * our return was already counted when the return reserved its units.
   */
  async onRefunded(event: DomainEvent<OrderRefundedV1>, ownReturn: boolean, manager: EntityManager): Promise<void> {
    const refund = event.data;
    await manager.query(
      `UPDATE orders SET status = $2, updated_at = now() WHERE order_id = $1 AND status <> 'CANCELLED'`,
      [refund.orderId, refund.fullyRefunded ? 'REFUNDED' : 'PARTIALLY_REFUNDED'],
    );
    if (ownReturn) return;
    for (const line of refund.lines) {
      await manager.query(
        `UPDATE order_lines SET refunded_outside_returns = LEAST(quantity, refunded_outside_returns + $3) WHERE order_id = $1 AND sku = $2`,
        [refund.orderId, line.sku, line.quantity],
      );
    }
  }

  /** catalog's SKU -> product map: a review is published against the product. */
  async onSkuAdded(event: DomainEvent<SkuAddedV1>, manager: EntityManager): Promise<void> {
    const { sku, productId, merchantId } = event.data;
    await manager.query(
      `INSERT INTO sku_products (sku, product_id, merchant_id) VALUES ($1, $2, $3) ON CONFLICT (sku) DO UPDATE SET product_id = $2, merchant_id = $3`,
      [sku, productId, merchantId],
    );
  }

  async find(manager: EntityManager, orderId: string, lock = false): Promise<OrderRecord | undefined> {
    const [row] = await manager.query(`SELECT * FROM orders WHERE order_id = $1 ${lock ? 'FOR UPDATE' : ''}`, [
      orderId,
    ]);
    return row ? orderFromRow(row) : undefined;
  }

  async lines(manager: EntityManager, orderId: string): Promise<OrderLineRecord[]> {
    return (await manager.query(`SELECT * FROM order_lines WHERE order_id = $1 ORDER BY sku`, [orderId])).map(
      lineFromRow,
    );
  }
}

/** orders sends one line per SKU today; should a SKU appear twice, its units and money add up. */
function mergeBySku(lines: OrderLineV1[]): OrderLineV1[] {
  const merged = new Map<string, OrderLineV1>();
  for (const line of lines) {
    const seen = merged.get(line.sku);
    if (!seen) merged.set(line.sku, { ...line, discount: line.discount ?? 0 });
    else
      merged.set(line.sku, {
        ...seen,
        quantity: seen.quantity + line.quantity,
        lineTotal: seen.lineTotal + line.lineTotal,
        discount: (seen.discount ?? 0) + (line.discount ?? 0),
      });
  }
  return [...merged.values()];
}
