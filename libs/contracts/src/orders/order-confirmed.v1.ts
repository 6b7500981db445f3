import { Type } from 'class-transformer';
import { IsArray, IsInt, IsISO4217CurrencyCode, IsISO8601, IsUUID, Min, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { OrderLineV1 } from './order-line.v1';

export class OrderConfirmedV1 {
  @IsUUID()
  orderId: string;

  @IsUUID()
  customerId: string;

  @IsISO4217CurrencyCode()
  currency: string;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => OrderLineV1)
  lines: OrderLineV1[];

  @IsInt()
  @Min(0)
  totalAmount: number;

  @IsISO8601({ strict: true })
  confirmedAt: string;
}

export const OrderConfirmed = defineEvent({
  name: 'orders.order.confirmed',
  version: 1,
  topic: Topics.ordersOrder,
  dataClass: OrderConfirmedV1,
  summary: 'Every participant answered yes: the order is firm and ready to ship.',
  subjectOf: (data) => data.orderId,
  example: {
    orderId: '5f0c3c8e-2b7a-4f43-9a55-3b1b7f0e9a10',
    customerId: '0b9d6c1e-3c39-4a0e-8d0e-1f7d1c2a4b55',
    currency: 'EUR',
    lines: [{ sku: 'TSHIRT-RED-M', quantity: 2, unitPrice: 1999, lineTotal: 3998 }],
    totalAmount: 3998,
    confirmedAt: '2026-11-22T10:15:01.000Z',
  },
});
