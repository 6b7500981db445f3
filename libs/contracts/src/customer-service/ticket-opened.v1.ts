import { IsIn, IsISO8601, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';

export const TICKET_KINDS = ['PRE_SALES', 'COMPLAINT', 'AFTER_SALES', 'LOGISTICS'] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];

export class TicketOpenedV1 {
  @IsUUID()
  ticketId: string;

  @IsIn(TICKET_KINDS)
  kind: TicketKind;

  @IsUUID()
  customerId: string;

  /** The merchant the ticket is about, when there is one: a COMPLAINT counts against its credibility score. */
  @IsOptional()
  @IsUUID()
  merchantId?: string;

  @IsOptional()
  @IsUUID()
  orderId?: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  subject: string;

  @IsISO8601({ strict: true })
  openedAt: string;
}

export const TicketOpened = defineEvent({
  name: 'customer-service.ticket.opened',
  version: 1,
  topic: Topics.customerServiceTicket,
  dataClass: TicketOpenedV1,
  summary: 'A customer opened a ticket (pre-sales question, complaint, after-sales or logistics issue).',
  subjectOf: (data) => data.ticketId,
  example: {
    ticketId: '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d',
    kind: 'COMPLAINT',
    customerId: '0b9d6c1e-3c39-4a0e-8d0e-1f7d1c2a4b55',
    merchantId: 'c8e1f0a2-1b3c-4d5e-8f70-9a1b2c3d4e5f',
    orderId: '5f0c3c8e-2b7a-4f43-9a55-3b1b7f0e9a10',
    subject: 'Item not as described',
    openedAt: '2026-11-26T10:00:00.000Z',
  },
});
