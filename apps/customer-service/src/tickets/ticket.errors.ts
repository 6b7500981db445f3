import { DomainError } from '@emporium/platform';

export class IllegalTicketTransitionError extends DomainError {
  constructor(ticketId: string, from: string, action: string) {
    super('ILLEGAL_TICKET_TRANSITION', `ticket ${ticketId} cannot ${action} while ${from}`, 409, {
      ticketId,
      from,
      action,
    });
  }
}
