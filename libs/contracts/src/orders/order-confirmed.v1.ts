import { Type } from 'class-transformer';
import {
  IsArray,
  IsISO4217CurrencyCode,
  IsISO8601,
  IsIn,
  IsInt,
  IsOptional,
  IsUUID,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { OrderLineV1 } from './order-line.v1';
import { DELIVERY_OPTIONS, DeliveryOption, ShippingAddressV1 } from './shipping.v1';

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
  /** Where the order ships to (optional within v1: orders placed before checkout asked for it have none). */
  @IsOptional()
  @ValidateNested()
  @Type(() => ShippingAddressV1)
  shippingAddress?: ShippingAddressV1;

  /** The delivery option the customer chose; logistics assumes STANDARD when absent. */
  @IsOptional()
  @IsIn(DELIVERY_OPTIONS)
  deliveryOption?: DeliveryOption;

  /** The logistics shipping quote the total includes (`POST /shipping-quotes`); logistics charges exactly that fee. */
  @IsOptional()
  @IsUUID()
  shippingQuoteId?: string;

  /** The shipping fee included in `totalAmount`, minor units of the order's currency. */
  @IsOptional()
  @IsInt()
  @Min(0)
  shippingFee?: number;
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
    lines: [
      {
        sku: 'TSHIRT-RED-M',
        quantity: 2,
        unitPrice: 1999,
        lineTotal: 3998,
        merchantId: 'c8e1f0a2-1b3c-4d5e-8f70-9a1b2c3d4e5f',
      },
    ],
    totalAmount: 3998,
    confirmedAt: '2026-11-22T10:15:01.000Z',
    shippingAddress: {
      country: 'DE',
      region: 'EU-DE',
      postalCode: '20095',
      city: 'Hamburg',
      line1: 'Mönckebergstraße 7',
    },
    deliveryOption: 'STANDARD',
  },
});
