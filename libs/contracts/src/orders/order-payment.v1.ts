import {
  IsIn,
  IsInt,
  IsISO4217CurrencyCode,
  IsISO8601,
  IsNotEmpty,
  IsString,
  IsUUID,
  MaxLength,
  Min,
} from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

/** `gateway` names the adapter that moved the money; `SANDBOX` is the one that ships with the project. */
const example = {
  orderId: '5f0c3c8e-2b7a-4f43-9a55-3b1b7f0e9a10',
  customerId: '0b9d6c1e-3c39-4a0e-8d0e-1f7d1c2a4b55',
  paymentId: '7d1e3f5a-9b2c-4d6e-8f0a-1b3c5d7e9f20',
  gateway: 'SANDBOX',
  amount: 3588,
  currency: 'EUR',
};

export const PAYMENT_METHODS = ['CARD'] as const;

export class OrderPaymentAuthorisedV1 {
  @IsUUID()
  orderId: string;

  @IsUUID()
  customerId: string;

  /** orders' payment id (the ledger's); the gateway's own reference stays in orders. */
  @IsUUID()
  paymentId: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  gateway: string;

  @IsIn(PAYMENT_METHODS)
  method: (typeof PAYMENT_METHODS)[number];

  /** What the customer pays after discounts and points, minor units. */
  @IsInt()
  @Min(0)
  amount: number;

  @IsISO4217CurrencyCode()
  currency: string;

  @IsISO8601({ strict: true })
  authorisedAt: string;
}

export const OrderPaymentAuthorised = defineEvent({
  name: 'orders.order.payment-authorised',
  version: 1,
  topic: Topics.ordersOrder,
  dataClass: OrderPaymentAuthorisedV1,
  summary: 'The gateway authorised the amount to pay; the order is confirmed next. Nothing is captured until dispatch.',
  subjectOf: (data) => data.orderId,
  example: { ...example, method: 'CARD', authorisedAt: '2026-11-22T10:15:02.000Z' },
});

export class OrderPaymentCapturedV1 {
  @IsUUID()
  orderId: string;

  @IsUUID()
  customerId: string;

  @IsUUID()
  paymentId: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  gateway: string;

  @IsInt()
  @Min(0)
  amount: number;

  @IsISO4217CurrencyCode()
  currency: string;

  @IsISO8601({ strict: true })
  capturedAt: string;
}

export const OrderPaymentCaptured = defineEvent({
  name: 'orders.order.payment-captured',
  version: 1,
  topic: Topics.ordersOrder,
  dataClass: OrderPaymentCapturedV1,
  summary: 'The authorised amount was captured when the first shipment of the order was dispatched.',
  subjectOf: (data) => data.orderId,
  example: { ...example, capturedAt: '2026-11-23T08:30:00.000Z' },
});
