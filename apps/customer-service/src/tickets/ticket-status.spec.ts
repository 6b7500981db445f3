import { mayStartTicket, ticketStatusAfter } from './ticket-status';

describe('ticket states', () => {
  it('walks open -> in progress -> waiting on customer -> in progress -> resolved -> closed', () => {
    expect(ticketStatusAfter('assign', 'OPEN')).toBe('IN_PROGRESS');
    expect(ticketStatusAfter('agent-reply', 'IN_PROGRESS')).toBe('WAITING_ON_CUSTOMER');
    expect(ticketStatusAfter('customer-reply', 'WAITING_ON_CUSTOMER')).toBe('IN_PROGRESS');
    expect(ticketStatusAfter('customer-reply', 'OPEN')).toBe('OPEN');
    expect(ticketStatusAfter('resolve', 'IN_PROGRESS')).toBe('RESOLVED');
    expect(ticketStatusAfter('reopen', 'RESOLVED')).toBe('OPEN');
    expect(ticketStatusAfter('close', 'RESOLVED')).toBe('CLOSED');
    expect(ticketStatusAfter('note', 'WAITING_ON_CUSTOMER')).toBe('WAITING_ON_CUSTOMER');
  });

  it('guards each action by the states it may start from', () => {
    expect(mayStartTicket('close', 'OPEN')).toBe(false);
    expect(mayStartTicket('reopen', 'CLOSED')).toBe(false);
    expect(mayStartTicket('customer-reply', 'RESOLVED')).toBe(false);
    expect(mayStartTicket('agent-reply', 'CLOSED')).toBe(false);
    expect(mayStartTicket('resolve', 'RESOLVED')).toBe(false);
    expect(mayStartTicket('note', 'RESOLVED')).toBe(true);
    expect(mayStartTicket('reopen', 'RESOLVED')).toBe(true);
  });
});
