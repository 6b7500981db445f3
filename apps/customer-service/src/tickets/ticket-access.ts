import { NotFoundError, Principal } from '@emporium/platform';
import { DataSource, EntityManager } from 'typeorm';
import { IllegalTicketTransitionError } from './ticket.errors';
import { mayStartTicket, TicketAction, TicketStatus, ticketStatusAfter } from './ticket-status';

/** Who acts as an agent, and the guarded transition every ticket action takes: shared by the tickets services. */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg rows
export type TicketRow = any;

export const isAgent = (principal: Principal) => principal.roles.includes('ops') || principal.roles.includes('service');

/** Locks the ticket, checks ownership (for a customer) and the states the action may start from, runs it. */
export async function actOnTicket(
  dataSource: DataSource,
  id: string,
  action: TicketAction,
  owner: Principal | undefined,
  work: (manager: EntityManager, row: TicketRow, next: TicketStatus) => Promise<void>,
): Promise<void> {
  await dataSource.transaction(async (manager) => {
    const [row] = await manager.query(`SELECT * FROM tickets WHERE id = $1 FOR UPDATE`, [id]);
    if (!row || (owner && row.customer_id !== owner.subject)) throw new NotFoundError('ticket', id);
    if (!mayStartTicket(action, row.status)) throw new IllegalTicketTransitionError(id, row.status, action);
    await work(manager, row, ticketStatusAfter(action, row.status));
  });
}
