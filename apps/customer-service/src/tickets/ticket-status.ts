/**
 * OPEN: waiting for an agent. IN_PROGRESS: an agent has it. WAITING_ON_CUSTOMER: an agent answered and
 * waits (the resolution clock is paused). RESOLVED: done, the customer may reopen. CLOSED: final.
 */
export const TICKET_STATUSES = ['OPEN', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER', 'RESOLVED', 'CLOSED'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export type TicketAction =
  'assign' | 'agent-reply' | 'customer-reply' | 'note' | 'resolve' | 'close' | 'reopen' | 'prioritise';

const LIVE: readonly TicketStatus[] = ['OPEN', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER'];

export const TICKET_ACTION_FROM: Record<TicketAction, readonly TicketStatus[]> = {
  assign: LIVE,
  'agent-reply': LIVE,
  'customer-reply': LIVE,
  note: [...LIVE, 'RESOLVED'],
  resolve: LIVE,
  close: ['RESOLVED'],
  reopen: ['RESOLVED'],
  prioritise: LIVE,
};

export function mayStartTicket(action: TicketAction, status: TicketStatus): boolean {
  return TICKET_ACTION_FROM[action].includes(status);
}

/** Where each action leaves the ticket; undefined keeps the status. */
export function ticketStatusAfter(action: TicketAction, status: TicketStatus): TicketStatus {
  switch (action) {
    case 'assign':
      return status === 'OPEN' ? 'IN_PROGRESS' : status;
    case 'agent-reply':
      return 'WAITING_ON_CUSTOMER';
    case 'customer-reply':
      return status === 'WAITING_ON_CUSTOMER' ? 'IN_PROGRESS' : status;
    case 'resolve':
      return 'RESOLVED';
    case 'close':
      return 'CLOSED';
    case 'reopen':
      return 'OPEN';
    default:
      return status;
  }
}
