import { OrderConfirmed, OrderConfirmedV1, SkuAdded, StockReserved, Topics } from '@emporium/contracts';
import { eventMessage, eventually, publishRaw, RunningService, TestRun, tokenFor } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { signWebhook } from '@emporium/platform';

export const ops = () => `Bearer ${tokenFor('ops')}`;
export const warehouse = () => `Bearer ${tokenFor('warehouse')}`;
export const merchantToken = (merchantId: string) => `Bearer ${tokenFor('merchant', randomUUID(), { merchantId })}`;

/** The README's worked example: a 1.5 kg speaker boxed 500 x 400 x 150 mm. */
export const SPEAKER = { weightGrams: 1500, dimensions: { lengthMm: 500, widthMm: 400, heightMm: 150 } };
export const HAMBURG = {
  country: 'DE',
  region: 'EU-DE',
  postalCode: '20095',
  city: 'Hamburg',
  line1: 'Mönckebergstraße 7',
};
export const SANDBOX_POST_SECRET = 'sandbox-post-webhook-secret';
export const SANDBOX_PARCEL_SECRET = 'sandbox-parcel-webhook-secret';

/** The development webhook secret the migration seeds for each sandbox carrier. */
export function carrierSecret(carrier: string): string {
  return carrier === 'SANDBOX-POST' ? SANDBOX_POST_SECRET : SANDBOX_PARCEL_SECRET;
}

export function topics(run: TestRun) {
  return {
    catalog: run.topicPrefix + Topics.catalogProduct,
    stock: run.topicPrefix + Topics.inventoryStock,
    orders: run.topicPrefix + Topics.ordersOrder,
    returns: run.topicPrefix + Topics.customerServiceReturn,
    shipments: run.topicPrefix + Topics.logisticsShipment,
  };
}

export async function announceSku(run: TestRun, sku: string, merchantId: string, profile = SPEAKER) {
  await publishRaw(topics(run).catalog, [
    eventMessage(SkuAdded, {
      productId: randomUUID(),
      merchantId,
      sku,
      options: {},
      price: 9900,
      currency: 'EUR',
      ...profile,
      addedAt: new Date().toISOString(),
    }),
  ]);
}

export function confirmedEvent(
  orderId: string,
  lines: { sku: string; quantity: number; merchantId?: string }[],
  extra: Partial<OrderConfirmedV1> = {},
) {
  return eventMessage(OrderConfirmed, {
    orderId,
    customerId: randomUUID(),
    currency: 'EUR',
    lines: lines.map((line) => ({ ...line, unitPrice: 9900, lineTotal: 9900 * line.quantity })),
    totalAmount: lines.reduce((sum, line) => sum + 9900 * line.quantity, 0),
    confirmedAt: new Date().toISOString(),
    ...extra,
  });
}

export function reservedEvent(orderId: string, lines: { sku: string; warehouseId: string; quantity: number }[]) {
  return eventMessage(StockReserved, {
    orderId,
    reservationId: randomUUID(),
    lines,
    reservedAt: new Date().toISOString(),
  });
}

/** Waits until the order's shipments exist and have labels (READY). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON from the API under test
export async function readyShipments(service: RunningService, orderId: string, count: number): Promise<any[]> {
  return eventually(
    async () => {
      const { body } = await request(service.url)
        .get(`/shipments?orderId=${orderId}`)
        .set('Authorization', ops())
        .expect(200);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return body.items.length === count && body.items.every((s: any) => s.status === 'READY') ? body.items : undefined;
    },
    30_000,
    `${count} READY shipment(s) of order ${orderId}`,
  );
}

export function webhook(
  service: RunningService,
  body: object,
  options: {
    carrier?: string;
    secret?: string;
    eventId?: string;
    sentEventId?: string;
    timestamp?: number;
    sign?: boolean;
  } = {},
) {
  const raw = JSON.stringify(body);
  const eventId = options.eventId ?? (body as { eventId: string }).eventId;
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const call = request(service.url)
    .post(`/carriers/${options.carrier ?? 'SANDBOX-POST'}/tracking-webhooks`)
    .set('Content-Type', 'application/json')
    .set('Carrier-Event-Id', options.sentEventId ?? eventId);
  if (options.sign !== false)
    call.set('Carrier-Signature', signWebhook(options.secret ?? SANDBOX_POST_SECRET, timestamp, eventId, raw));
  return call.send(raw);
}

/** Waits until logistics keeps the SKU's weight and box (from catalog's sku-added). */
export async function logisticsKnowsSku(logistics: RunningService, sku: string): Promise<void> {
  await eventually(
    async () => (await logistics.dataSource.query(`SELECT 1 FROM sku_profiles WHERE sku = $1`, [sku])).length === 1,
    20_000,
    'logistics to know the SKU',
  );
}

/** The warehouse hands the parcel to the carrier. */
export async function dispatch(logistics: RunningService, shipmentId: string): Promise<void> {
  await request(logistics.url).post(`/shipments/${shipmentId}/dispatch`).set('Authorization', warehouse()).expect(200);
}

/** The parcel's carrier reports each status in turn, through its signed tracking webhook; each is accepted. */
export async function track(
  logistics: RunningService,
  shipment: { carrier: string; trackingNumber: string },
  statuses: string[],
): Promise<void> {
  for (const status of statuses) {
    await webhook(
      logistics,
      { eventId: randomUUID(), trackingNumber: shipment.trackingNumber, status, occurredAt: new Date().toISOString() },
      { carrier: shipment.carrier, secret: carrierSecret(shipment.carrier) },
    ).expect(200);
  }
}

/** Dispatched by the warehouse, then reported DELIVERED by the carrier. */
export async function dispatchAndDeliver(
  logistics: RunningService,
  shipment: { id: string; carrier: string; trackingNumber: string },
): Promise<void> {
  await dispatch(logistics, shipment.id);
  await track(logistics, shipment, ['DELIVERED']);
}
