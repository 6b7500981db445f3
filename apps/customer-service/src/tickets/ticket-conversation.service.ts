import { Injectable } from '@nestjs/common';
import { Principal } from '@emporium/platform';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { NotificationsService } from '../notifications/notifications.service';
import { TicketResponse } from './dto/ticket.response';
import { businessMinutesBetween } from './sla-clock';
import { SlaPolicies } from './sla-policies.service';
import { actOnTicket, isAgent } from './ticket-access';
import { TicketQueries } from './ticket-queries.service';

/** The messages on a ticket: replies between agent and customer (which pause and resume its clock) and internal notes. */
@Injectable()
export class TicketConversation {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly sla: SlaPolicies,
    private readonly queries: TicketQueries,
  ) {}

  /**
   * A reply. An agent's is the first response (if none yet) and waits on the customer (the resolution clock
   * pauses); a customer's, on its own ticket only, resumes it, moving the resolution due time on by the
   * business minutes it waited.
   */
  async reply(id: string, body: string, principal: Principal): Promise<TicketResponse> {
    const agent = isAgent(principal);
    await actOnTicket(
      this.dataSource,
      id,
      agent ? 'agent-reply' : 'customer-reply',
      agent ? undefined : principal,
      async (manager, row, next) => {
        const messageId = randomUUID();
        await manager.query(
          `INSERT INTO ticket_messages (id, ticket_id, author_id, author_role, body) VALUES ($1, $2, $3, $4, $5)`,
          [messageId, id, principal.subject, agent ? 'AGENT' : 'CUSTOMER', body],
        );
        const now = new Date();
        if (agent) {
          await manager.query(
            `UPDATE tickets SET status = $2, first_responded_at = coalesce(first_responded_at, $3), paused_at = coalesce(paused_at, $3), updated_at = now() WHERE id = $1`,
            [id, next, now],
          );
          await this.notifications.queue(manager, {
            memberId: row.customer_id,
            template: 'TICKET_REPLY',
            dedupeKey: `TICKET_REPLY:${messageId}`,
            data: { ticketId: id, subject: row.subject },
          });
        } else if (row.paused_at) {
          const waited = businessMinutesBetween(row.paused_at, now, this.sla.hours);
          await manager.query(
            `UPDATE tickets SET status = $2, paused_at = NULL, resolution_due_at = $3, updated_at = now() WHERE id = $1`,
            [id, next, this.sla.after(row.resolution_due_at, waited)],
          );
        }
      },
    );
    return this.queries.view(id, principal);
  }

  async note(id: string, body: string, principal: Principal): Promise<TicketResponse> {
    await actOnTicket(this.dataSource, id, 'note', undefined, async (manager) => {
      await manager.query(
        `INSERT INTO ticket_messages (id, ticket_id, author_id, author_role, internal, body) VALUES ($1, $2, $3, 'AGENT', true, $4)`,
        [randomUUID(), id, principal.subject, body],
      );
    });
    return this.queries.view(id);
  }
}
