import {
  OrderCancelledV2,
  OrderConfirmedV1,
  OrderPlacedV1,
  ReturnCondition,
  ReturnInspectedV1,
  ShipmentDispatchedV1,
  SkuAddedV1,
} from '@emporium/contracts';
import { RunningService, tokenFor } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';

export const ops = `Bearer ${tokenFor('ops')}`;

/** HTTP helpers against one running inventory. */
export function inventoryApi(inventory: RunningService) {
  const api = {
    createWarehouse: (id: string, region: string, priority: number) =>
      request(inventory.url)
        .post('/warehouses')
        .set('Authorization', ops)
        .send({ id, name: `Warehouse ${id}`, region, priority })
        .expect(201),
    receive: (sku: string, quantity: number, warehouseId = 'MAIN') =>
      request(inventory.url)
        .post('/stock/receipts')
        .set('Authorization', ops)
        .set('Idempotency-Key', randomUUID())
        .send({ sku, warehouseId, quantity })
        .expect(201),
    stockOf: async (sku: string) =>
      (await request(inventory.url).get(`/stock/${sku}`).set('Authorization', ops).expect(200)).body,
    level: async (sku: string, warehouseId: string) =>
      (await api.stockOf(sku)).warehouses.find((w: { warehouseId: string }) => w.warehouseId === warehouseId),
    setPolicy: (
      sku: string,
      warehouseId: string,
      policy: { safetyStock: number; reorderPoint: number; leadTimeDays?: number },
    ) =>
      request(inventory.url)
        .put(`/stock/${sku}/warehouses/${warehouseId}/policy`)
        .set('Authorization', ops)
        .send(policy),
    /** Ledger rows of a SKU, oldest first. */
    ledger: (sku: string): Promise<LedgerRow[]> =>
      inventory.dataSource.query(
        `SELECT warehouse_id, cause, on_hand_delta, reserved_delta, reason, reference, order_id, cause_event_id FROM stock_movements WHERE sku = $1 ORDER BY id`,
        [sku],
      ),
    /** Every SKU/warehouse whose ledger does not sum to its levels (the invariant says: none). */
    ledgerMismatches: (): Promise<unknown[]> =>
      inventory.dataSource.query(
        `SELECT l.sku, l.warehouse_id, l.on_hand, l.reserved, COALESCE(m.on_hand, 0) AS ledger_on_hand, COALESCE(m.reserved, 0) AS ledger_reserved
           FROM stock_levels l
           LEFT JOIN (SELECT sku, warehouse_id, SUM(on_hand_delta)::int AS on_hand, SUM(reserved_delta)::int AS reserved
                        FROM stock_movements GROUP BY sku, warehouse_id) m USING (sku, warehouse_id)
          WHERE l.on_hand <> COALESCE(m.on_hand, 0) OR l.reserved <> COALESCE(m.reserved, 0)`,
      ),
  };
  return api;
}

export interface LedgerRow {
  warehouse_id: string;
  cause: string;
  on_hand_delta: number;
  reserved_delta: number;
  reason: string | null;
  reference: string | null;
  order_id: string | null;
  cause_event_id: string | null;
}

export function orderPlaced(lines: { sku: string; quantity: number }[], shippingRegion?: string): OrderPlacedV1 {
  return {
    orderId: randomUUID(),
    customerId: randomUUID(),
    currency: 'EUR',
    lines: lines.map((line) => ({ ...line, unitPrice: 500, lineTotal: 500 * line.quantity })),
    totalAmount: lines.reduce((sum, line) => sum + 500 * line.quantity, 0),
    placedAt: new Date().toISOString(),
    ...(shippingRegion ? { shippingRegion } : {}),
  };
}

export function orderConfirmed(order: OrderPlacedV1): OrderConfirmedV1 {
  return {
    orderId: order.orderId,
    customerId: order.customerId,
    currency: order.currency,
    lines: order.lines,
    totalAmount: order.totalAmount,
    confirmedAt: new Date().toISOString(),
  };
}

export function orderCancelled(order: OrderPlacedV1): OrderCancelledV2 {
  return {
    orderId: order.orderId,
    customerId: order.customerId,
    reason: 'CUSTOMER_REQUEST',
    lines: order.lines,
    wasConfirmed: false,
    cancelledAt: new Date().toISOString(),
  };
}

export function shipmentDispatched(
  order: OrderPlacedV1,
  lines = order.lines.map(({ sku, quantity }) => ({ sku, quantity })),
): ShipmentDispatchedV1 {
  return {
    shipmentId: randomUUID(),
    orderId: order.orderId,
    carrier: 'DHL',
    trackingNumber: `JD${Date.now()}`,
    lines,
    dispatchedAt: new Date().toISOString(),
  };
}

export function returnInspected(
  order: OrderPlacedV1,
  lines: { sku: string; quantity: number; condition: ReturnCondition }[],
): ReturnInspectedV1 {
  return {
    returnId: randomUUID(),
    orderId: order.orderId,
    customerId: order.customerId,
    lines,
    inspectedAt: new Date().toISOString(),
  };
}

export function skuAdded(sku: string, price: number): SkuAddedV1 {
  return {
    productId: randomUUID(),
    merchantId: randomUUID(),
    sku,
    options: { size: 'M' },
    price,
    currency: 'EUR',
    weightGrams: 200,
    dimensions: { lengthMm: 100, widthMm: 100, heightMm: 10 },
    title: `Product ${sku}`,
    addedAt: new Date().toISOString(),
  };
}
