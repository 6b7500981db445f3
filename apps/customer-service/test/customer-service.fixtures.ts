import {
  OrderConfirmed,
  OrderDelivered,
  OrderLineV1,
  OrderRefunded,
  ShipmentReturnCreated,
  ShipmentReturnReceived,
  Topics,
} from '@emporium/contracts';
import { eventMessage, eventually, publishRaw, RunningService, TestRun, tokenFor } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';

export const ops = () => `Bearer ${tokenFor('ops')}`;
export const customer = (customerId: string) => `Bearer ${tokenFor('customer', customerId)}`;

export function topics(run: TestRun) {
  return {
    catalog: run.topicPrefix + Topics.catalogProduct,
    orders: run.topicPrefix + Topics.ordersOrder,
    shipments: run.topicPrefix + Topics.logisticsShipment,
    members: run.topicPrefix + Topics.membershipMember,
    returns: run.topicPrefix + Topics.customerServiceReturn,
    tickets: run.topicPrefix + Topics.customerServiceTicket,
    reviews: run.topicPrefix + Topics.customerServiceReview,
  };
}

const DAY_MS = 86_400_000;

export interface DeliveredOrder {
  orderId: string;
  customerId: string;
  lines: OrderLineV1[];
}

/** orders' `orders.order.delivered` for a new order; `daysAgo` sets when it was delivered. */
export async function deliver(
  run: TestRun,
  customerId: string,
  lines: OrderLineV1[],
  daysAgo = 0,
  orderId: string = randomUUID(),
): Promise<DeliveredOrder> {
  const deliveredAt = new Date(Date.now() - daysAgo * DAY_MS);
  const total = lines.reduce((sum, line) => sum + line.lineTotal - (line.discount ?? 0), 0);
  await publishRaw(topics(run).orders, [
    eventMessage(OrderDelivered, {
      orderId,
      customerId,
      currency: 'EUR',
      lines,
      totalAmount: total,
      deliveredAt: deliveredAt.toISOString(),
      returnWindowEndsAt: new Date(deliveredAt.getTime() + 7 * DAY_MS).toISOString(),
    }),
  ]);
  return { orderId, customerId, lines };
}

export async function confirm(
  run: TestRun,
  customerId: string,
  lines: OrderLineV1[],
  orderId: string = randomUUID(),
): Promise<string> {
  await publishRaw(topics(run).orders, [
    eventMessage(OrderConfirmed, {
      orderId,
      customerId,
      currency: 'EUR',
      lines,
      totalAmount: lines.reduce((s, l) => s + l.lineTotal, 0),
      confirmedAt: new Date().toISOString(),
    }),
  ]);
  return orderId;
}

/** Waits until customer-service has the delivered order (its delivery notification is queued with it). */
export async function known(service: RunningService, orderId: string): Promise<void> {
  await eventually(
    async () => {
      const [row] = await service.dataSource.query(
        `SELECT 1 FROM orders WHERE order_id = $1 AND delivered_at IS NOT NULL`,
        [orderId],
      );
      return Boolean(row);
    },
    30_000,
    `order ${orderId} in the read model`,
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON from the API under test
export async function returnOf(service: RunningService, id: string, status: string): Promise<any> {
  return eventually(
    async () => {
      const { body } = await request(service.url).get(`/returns/${id}`).set('Authorization', ops()).expect(200);
      return body.status === status ? body : undefined;
    },
    30_000,
    `return ${id} ${status}`,
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON from the API under test
export async function mailbox(service: RunningService, memberId: string): Promise<any[]> {
  const { body } = await request(service.url)
    .get(`/dev-mailbox?memberId=${memberId}&limit=200`)
    .set('Authorization', ops())
    .expect(200);
  return body.items;
}

export function returnShipmentEvents(ret: {
  id: string;
  orderId: string;
  customerId: string;
  merchantId: string;
  lines: { sku: string; quantity: number }[];
}) {
  const shipmentId = randomUUID();
  const common = {
    shipmentId,
    returnId: ret.id,
    orderId: ret.orderId,
    customerId: ret.customerId,
    merchantId: ret.merchantId,
    warehouseId: 'MAIN',
    lines: ret.lines.map(({ sku, quantity }) => ({ sku, quantity })),
  };
  return {
    shipmentId,
    created: eventMessage(ShipmentReturnCreated, {
      ...common,
      carrier: 'SANDBOX-POST',
      trackingNumber: 'SBPOST-RETURN0001',
      createdAt: new Date().toISOString(),
    }),
    received: eventMessage(ShipmentReturnReceived, { ...common, receivedAt: new Date().toISOString() }),
  };
}

export function refundedEvent(
  ret: { id: string; orderId: string; customerId: string },
  amount: number,
  lines: { sku: string; quantity: number }[],
  refundId = randomUUID(),
) {
  return eventMessage(OrderRefunded, {
    orderId: ret.orderId,
    customerId: ret.customerId,
    refundId,
    returnId: ret.id,
    currency: 'EUR',
    amount,
    pointsRefunded: 0,
    lines: lines.map((line) => ({ ...line, amount })),
    fullyRefunded: false,
    refundedAt: new Date().toISOString(),
  });
}
