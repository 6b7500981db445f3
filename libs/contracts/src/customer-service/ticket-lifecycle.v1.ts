import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { defineEvent } from '../event-definition';
import { Topics } from '../topics';
import { TICKET_KINDS, TicketKind } from './ticket-opened.v1';

export const TICKET_PRIORITIES = ['LOW', 'NORMAL', 'HIGH', 'URGENT'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

export const SLA_TARGETS = ['FIRST_RESPONSE', 'RESOLUTION'] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];

export class TicketSlaBreachedV1 {
  @IsUUID()
  ticketId: string;

  @IsIn(TICKET_KINDS)
  kind: TicketKind;

  @IsIn(TICKET_PRIORITIES)
  priority: TicketPriority;

  /** Which promise was missed: the first answer of an agent, or the resolution. */
  @IsIn(SLA_TARGETS)
  target: SlaTarget;

  /** The agent the ticket is assigned to, when it is. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  assigneeId?: string;

  @IsOptional()
  @IsUUID()
  merchantId?: string;

  @IsISO8601({ strict: true })
  dueAt: string;

  @IsISO8601({ strict: true })
  detectedAt: string;
}

export const TicketSlaBreached = defineEvent({
  name: 'customer-service.ticket.sla-breached',
  version: 1,
  topic: Topics.customerServiceTicket,
  dataClass: TicketSlaBreachedV1,
  summary:
    'A ticket missed an SLA target (first response or resolution, in business hours); raised once per ticket and target.',
  subjectOf: (data) => data.ticketId,
  example: {
    ticketId: '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d',
    kind: 'COMPLAINT',
    priority: 'HIGH',
    target: 'FIRST_RESPONSE',
    assigneeId: 'agent-7',
    merchantId: 'c8e1f0a2-1b3c-4d5e-8f70-9a1b2c3d4e5f',
    dueAt: '2026-11-26T11:00:00.000Z',
    detectedAt: '2026-11-26T11:00:30.000Z',
  },
});

export class TicketResolvedV1 {
  @IsUUID()
  ticketId: string;

  @IsIn(TICKET_KINDS)
  kind: TicketKind;

  @IsUUID()
  customerId: string;

  @IsOptional()
  @IsUUID()
  merchantId?: string;

  @IsOptional()
  @IsUUID()
  orderId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  assigneeId?: string;

  /** Whether it was resolved within its resolution target. */
  @IsIn(['MET', 'BREACHED'])
  resolutionSla: 'MET' | 'BREACHED';

  @IsISO8601({ strict: true })
  openedAt: string;

  @IsISO8601({ strict: true })
  resolvedAt: string;
}

export const TicketResolved = defineEvent({
  name: 'customer-service.ticket.resolved',
  version: 1,
  topic: Topics.customerServiceTicket,
  dataClass: TicketResolvedV1,
  summary: 'An agent resolved a ticket (the customer may still reopen it).',
  subjectOf: (data) => data.ticketId,
  example: {
    ticketId: '6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d',
    kind: 'COMPLAINT',
    customerId: '0b9d6c1e-3c39-4a0e-8d0e-1f7d1c2a4b55',
    merchantId: 'c8e1f0a2-1b3c-4d5e-8f70-9a1b2c3d4e5f',
    orderId: '5f0c3c8e-2b7a-4f43-9a55-3b1b7f0e9a10',
    assigneeId: 'agent-7',
    resolutionSla: 'MET',
    openedAt: '2026-11-26T10:00:00.000Z',
    resolvedAt: '2026-11-26T15:30:00.000Z',
  },
});
