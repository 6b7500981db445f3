import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsISO4217CurrencyCode,
  IsISO8601,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { OrderLineV1 } from './order-line.v1';
import { DELIVERY_OPTIONS, DeliveryOption, ShippingAddressV1 } from './shipping.v1';

export class OrderPlacedV1 {
  @IsUUID()
  orderId: string;

  @IsUUID()
  customerId: string;

  @IsISO4217CurrencyCode()
  currency: string;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => OrderLineV1)
  lines: OrderLineV1[];

  @IsInt()
  @Min(0)
  totalAmount: number;

  @IsISO8601({ strict: true })
  placedAt: string;

  /** Where the order ships to (a region code such as `EU-DE`); inventory prefers warehouses in that region. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  shippingRegion?: string;
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

  /** Promotions and coupons together, minor units; already taken off `totalAmount` and shared out over `lines[].discount`. */
  @IsOptional()
  @IsInt()
  @Min(0)
  discountTotal?: number;

  /** The marketing quote the discounts come from (`POST /quotes`, signed and time-limited); marketing checks it when redeeming. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(2048)
  quoteId?: string;

  /** Coupon codes to redeem: marketing answers `marketing.coupon.redeemed` or `redemption-failed` for the order. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(64, { each: true })
  couponCodes?: string[];

  /**
   * Loyalty points the customer pays with (one point pays one minor unit of the order's currency):
   * membership answers `membership.member.points-held` or `points-hold-failed`. The customer id is the member id.
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  pointsToRedeem?: number;

  /** What the payment must cover: `totalAmount` minus `pointsToRedeem` (discounts are already out of `totalAmount`). */
  @IsOptional()
  @IsInt()
  @Min(0)
  amountToPay?: number;
}

export const OrderPlaced = defineEvent({
  name: 'orders.order.placed',
  version: 1,
  topic: Topics.ordersOrder,
  dataClass: OrderPlacedV1,
  summary: 'A customer placed an order; it is PENDING until stock (and later coupons, points, payment) answer.',
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
        discount: 400,
        merchantId: 'c8e1f0a2-1b3c-4d5e-8f70-9a1b2c3d4e5f',
      },
    ],
    // 3998 for the lines + 490 shipping - 400 discount
    totalAmount: 4088,
    placedAt: '2026-11-22T10:15:00.000Z',
    shippingRegion: 'EU-DE',
    shippingAddress: {
      country: 'DE',
      region: 'EU-DE',
      postalCode: '20095',
      city: 'Hamburg',
      line1: 'Mönckebergstraße 7',
    },
    deliveryOption: 'STANDARD',
    shippingFee: 490,
    discountTotal: 400,
    quoteId: 'q1.eyJleHAiOjE3OTU4NjI1MDB9.c2lnbmF0dXJl',
    couponCodes: ['WELCOME4'],
    pointsToRedeem: 500,
    amountToPay: 3588,
  },
});
