import { IsIn, IsInt, IsISO4217CurrencyCode, IsISO8601, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const COMPENSATION_CAUSES = ['SHIPMENT_DELAYED', 'SHIPMENT_LOST', 'SHIPMENT_DAMAGED', 'COMPLAINT'] as const;
export type CompensationCause = (typeof COMPENSATION_CAUSES)[number];

export class CompensationRequestedV1 {
  @IsUUID()
  ticketId: string;

  @IsUUID()
  customerId: string;

  @IsOptional()
  @IsUUID()
  orderId?: string;

  @IsIn(COMPENSATION_CAUSES)
  cause: CompensationCause;

  /** The coupon's value, minor units; marketing may cap it by its compensation policy. */
  @IsInt()
  @Min(1)
  @Max(100_000)
  amount: number;

  @IsISO4217CurrencyCode()
  currency: string;

  @IsISO8601({ strict: true })
  requestedAt: string;
}

export const CompensationRequested = defineEvent({
  name: 'customer-service.ticket.compensation-requested',
  version: 1,
  topic: Topics.customerServiceTicket,
  dataClass: CompensationRequestedV1,
  summary:
    'Customer care asks marketing to issue a compensation coupon to the customer (proactive care after a delivery exception, or a complaint).',
  subjectOf: (data) => data.ticketId,
  example: {
    ticketId: '6e8a0c2e-4b6d-4f8a-9c1e-3b5d7f9a1c2e',
    customerId: '0b9d6c1e-3c39-4a0e-8d0e-1f7d1c2a4b55',
    orderId: '5f0c3c8e-2b7a-4f43-9a55-3b1b7f0e9a10',
    cause: 'SHIPMENT_DELAYED',
    amount: 500,
    currency: 'EUR',
    requestedAt: '2026-11-26T09:00:00.000Z',
  },
});
