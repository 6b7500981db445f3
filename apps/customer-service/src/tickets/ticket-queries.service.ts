import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor, NotFoundError, Principal } from '@emporium/platform';
import { DataSource } from 'typeorm';
import { ListTicketsQuery } from './dto/list-tickets.query';
import { TicketPageResponse, TicketResponse } from './dto/ticket.response';
import { isAgent, TicketRow } from './ticket-access';
import { ticketView } from './ticket.view';

/** Reading tickets as each caller may see them: agents all, with internal notes; a customer its own, without. */
@Injectable()
export class TicketQueries {
  constructor(private readonly dataSource: DataSource) {}

  async get(id: string, principal: Principal): Promise<TicketResponse> {
    return this.view(id, principal);
  }

  async list(query: ListTicketsQuery, principal: Principal): Promise<TicketPageResponse> {
    const all = isAgent(principal);
    const limit = query.limit ?? 20;
    const after = query.cursor ? decodeCursor(query.cursor, 2) : undefined;
    const rows: TicketRow[] = await this.dataSource.query(
      `SELECT * FROM tickets
        WHERE ($1::boolean OR customer_id = $2::uuid)
          AND ($3::text IS NULL OR status = $3) AND ($4::text IS NULL OR assignee_id = $4) AND ($5::uuid IS NULL OR order_id = $5)
          AND ($6::timestamptz IS NULL OR (opened_at, id) < ($6, $7::uuid))
        ORDER BY opened_at DESC, id DESC LIMIT $8`,
      [
        all,
        all ? null : principal.subject,
        query.status ?? null,
        query.assigneeId ?? null,
        query.orderId ?? null,
        after?.[0] ?? null,
        after?.[1] ?? null,
        limit + 1,
      ],
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => ({
        id: row.id,
        kind: row.kind,
        priority: row.priority,
        status: row.status,
        customerId: row.customer_id,
        orderId: row.order_id,
        subject: row.subject,
        assigneeId: row.assignee_id,
        openedAt: row.opened_at.toISOString(),
        firstResponseDueAt: row.first_response_due_at.toISOString(),
        resolutionDueAt: row.resolution_due_at.toISOString(),
      })),
      nextCursor: rows.length > limit ? encodeCursor([last.opened_at.toISOString(), last.id]) : null,
    };
  }

  /** The ticket as the API shows it; without a principal, as an agent sees it. */
  async view(id: string, principal?: Principal): Promise<TicketResponse> {
    const [row] = await this.dataSource.query(`SELECT * FROM tickets WHERE id = $1`, [id]);
    const customerView = principal !== undefined && !isAgent(principal);
    if (!row || (customerView && row.customer_id !== principal.subject)) throw new NotFoundError('ticket', id);
    // A customer never sees internal notes: filtered in the query, not after it.
    const messages = await this.dataSource.query(
      `SELECT * FROM ticket_messages WHERE ticket_id = $1 AND ($2::boolean OR NOT internal) ORDER BY created_at, id`,
      [id, !customerView],
    );
    return ticketView(row, messages);
  }
}
