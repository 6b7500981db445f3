import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsInt,
  IsISO4217CurrencyCode,
  IsISO8601,
  IsUUID,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { OrderLineV1 } from './order-line.v1';

const orderId = '5f0c3c8e-2b7a-4f43-9a55-3b1b7f0e9a10';
const customerId = '0b9d6c1e-3c39-4a0e-8d0e-1f7d1c2a4b55';
const lines = [
  {
    sku: 'TSHIRT-RED-M',
    quantity: 2,
    unitPrice: 1999,
    lineTotal: 3998,
    discount: 400,
    merchantId: 'c8e1f0a2-1b3c-4d5e-8f70-9a1b2c3d4e5f',
  },
];

export class OrderShippedV1 {
  @IsUUID()
  orderId: string;

  @IsUUID()
  customerId: string;

  /** The shipments dispatched so far (an order split over warehouses has several). */
  @IsArray()
  @ArrayMinSize(1)
  @IsUUID('all', { each: true })
  shipmentIds: string[];

  @IsISO8601({ strict: true })
  shippedAt: string;
}

export const OrderShipped = defineEvent({
  name: 'orders.order.shipped',
  version: 1,
  topic: Topics.ordersOrder,
  dataClass: OrderShippedV1,
  summary:
    'A shipment of the order was dispatched: the order is SHIPPED and its payment captured; it can no longer be cancelled.',
  subjectOf: (data) => data.orderId,
  example: {
    orderId,
    customerId,
    shipmentIds: ['9b2d4e6f-1a3c-4e5d-8f7a-0b1c2d3e4f5a'],
    shippedAt: '2026-11-23T08:30:00.000Z',
  },
});

export class OrderDeliveredV1 {
  @IsUUID()
  orderId: string;

  @IsUUID()
  customerId: string;

  @IsISO4217CurrencyCode()
  currency: string;

  /** Every line, with its merchant and discount share: returns and reviews are opened against these. */
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => OrderLineV1)
  lines: OrderLineV1[];

  @IsInt()
  @Min(0)
  totalAmount: number;

  @IsISO8601({ strict: true })
  deliveredAt: string;

  /** When the return window closes and the order completes (deliveredAt + the configured window). */
  @IsISO8601({ strict: true })
  returnWindowEndsAt: string;
}

export const OrderDelivered = defineEvent({
  name: 'orders.order.delivered',
  version: 1,
  topic: Topics.ordersOrder,
  dataClass: OrderDeliveredV1,
  summary: 'Every shipment of the order was delivered: the return window opens and the order completes when it closes.',
  subjectOf: (data) => data.orderId,
  example: {
    orderId,
    customerId,
    currency: 'EUR',
    lines,
    totalAmount: 4088,
    deliveredAt: '2026-11-25T15:00:00.000Z',
    returnWindowEndsAt: '2026-12-02T15:00:00.000Z',
  },
});
