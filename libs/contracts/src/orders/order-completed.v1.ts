import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsInt,
  IsISO4217CurrencyCode,
  IsISO8601,
  IsNotEmpty,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

/** A completed line, with the merchant that sold it (orders keeps SKU → merchant from catalog events). */
export class CompletedOrderLineV1 {
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  sku: string;

  @IsUUID()
  merchantId: string;

  @IsInt()
  @Min(1)
  quantity: number;

  @IsInt()
  @Min(0)
  unitPrice: number;

  @IsInt()
  @Min(0)
  lineTotal: number;
}

export class OrderCompletedV1 {
  @IsUUID()
  orderId: string;

  @IsUUID()
  customerId: string;

  @IsISO4217CurrencyCode()
  currency: string;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => CompletedOrderLineV1)
  lines: CompletedOrderLineV1[];

  @IsInt()
  @Min(0)
  totalAmount: number;

  @IsISO8601({ strict: true })
  completedAt: string;
}

export const OrderCompleted = defineEvent({
  name: 'orders.order.completed',
  version: 1,
  topic: Topics.ordersOrder,
  dataClass: OrderCompletedV1,
  summary: 'Delivered and past the return window: the sale counts (sales rank, points, merchant score, campaign ROI).',
  subjectOf: (data) => data.orderId,
  example: {
    orderId: '5f0c3c8e-2b7a-4f43-9a55-3b1b7f0e9a10',
    customerId: '0b9d6c1e-3c39-4a0e-8d0e-1f7d1c2a4b55',
    currency: 'EUR',
    lines: [
      {
        sku: 'TSHIRT-RED-M',
        merchantId: 'c8e1f0a2-1b3c-4d5e-8f70-9a1b2c3d4e5f',
        quantity: 2,
        unitPrice: 1999,
        lineTotal: 3998,
      },
    ],
    totalAmount: 3998,
    completedAt: '2026-12-08T00:00:00.000Z',
  },
});
