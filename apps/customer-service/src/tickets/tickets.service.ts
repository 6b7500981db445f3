import { Inject, Injectable } from '@nestjs/common';
import { TicketKind, TicketOpened, TicketPriority, TicketResolved } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { decodeCursor, encodeCursor, NotFoundError, Principal, SERVICE_CONFIG } from '@emporium/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { CustomerServiceConfig } from '../config';
import { NotificationsService } from '../notifications/notifications.service';
import { OrderHistoryService } from '../orders/order-history.service';
import { SurveysService } from '../surveys/surveys.service';
import { UnprocessableFieldError } from '../returns/return.errors';
import { FaqSuggestionResponse, SlaPolicyResponse, TicketPageResponse, TicketResponse } from './dto/ticket.response';
import { ListTicketsQuery } from './dto/list-tickets.query';
import { OpenTicketDto } from './dto/open-ticket.dto';
import { addBusinessMinutes, BusinessHours, businessHours, businessMinutesBetween } from './sla-clock';
import { IllegalTicketTransitionError } from './ticket.errors';
import { mayStartTicket, TicketAction, TicketStatus, ticketStatusAfter } from './ticket-status';
import { ticketView } from './ticket.view';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg rows
type Row = any;

export interface InternalTicket {
  kind: TicketKind;
  priority: TicketPriority;
  customerId: string;
  orderId?: string;
  merchantId?: string;
  subject: string;
  body: string;
  source: 'PROACTIVE' | 'REVIEW';
  /** What caused it: a second report of the same cause opens nothing. */
  sourceKey: string;
}

/** Priority a customer's ticket starts with; ops may change it. */
const DEFAULT_PRIORITY: Record<TicketKind, TicketPriority> = {
  PRE_SALES: 'NORMAL',
  AFTER_SALES: 'NORMAL',
  COMPLAINT: 'HIGH',
  LOGISTICS: 'HIGH',
};

const isAgent = (principal: Principal) => principal.roles.includes('ops') || principal.roles.includes('service');

@Injectable()
export class TicketsService {
  readonly hours: BusinessHours;

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly orders: OrderHistoryService,
    private readonly notifications: NotificationsService,
    private readonly surveys: SurveysService,
    @Inject(SERVICE_CONFIG) config: CustomerServiceConfig,
  ) {
    this.hours = businessHours(config.BUSINESS_HOURS, config.BUSINESS_DAYS);
  }

  /** A customer opens a ticket, about its own order or (PRE_SALES) about nothing in particular. */
  async open(
    dto: OpenTicketDto,
    principal: Principal,
    suggest?: (manager: EntityManager, text: string) => Promise<FaqSuggestionResponse[]>,
  ): Promise<TicketResponse> {
    let suggestions: FaqSuggestionResponse[] | undefined;
    const id = await this.dataSource.transaction(async (manager) => {
      let merchantId: string | undefined;
      if (dto.orderId) {
        const order = await this.orders.find(manager, dto.orderId);
        if (!order || order.customerId !== principal.subject) throw new NotFoundError('order', dto.orderId);
        const merchants = new Set(
          (await this.orders.lines(manager, dto.orderId)).map((line) => line.merchantId).filter(Boolean),
        );
        if (merchants.size === 1) [merchantId] = merchants as Set<string>;
      } else if (dto.kind !== 'PRE_SALES') {
        throw new UnprocessableFieldError('ORDER_REQUIRED', 'orderId', `a ${dto.kind} ticket is about an order`);
      }
      const id = await this.insert(manager, {
        kind: dto.kind,
        priority: DEFAULT_PRIORITY[dto.kind],
        customerId: principal.subject,
        orderId: dto.orderId,
        merchantId,
        subject: dto.subject,
        body: dto.body,
        source: 'CUSTOMER',
      });
      if (dto.kind === 'PRE_SALES' && suggest) suggestions = await suggest(manager, `${dto.subject} ${dto.body}`);
      // A customer's ticket has no source key, so it is always inserted.
      return id!;
    });
    const view = await this.view(id, principal);
    return suggestions ? { ...view, suggestions } : view;
  }

  /** Opened by customer-service itself (a delivery exception, a low review), once per cause; answers its id, or undefined when it existed. */
  async openInternal(manager: EntityManager, ticket: InternalTicket): Promise<string | undefined> {
    return this.insert(manager, ticket);
  }

  private async insert(
    manager: EntityManager,
    t: InternalTicket | (Omit<InternalTicket, 'source' | 'sourceKey'> & { source: 'CUSTOMER'; sourceKey?: undefined }),
  ): Promise<string | undefined> {
    const policy = await this.policy(manager, t.kind, t.priority);
    const openedAt = new Date();
    const id = randomUUID();
    const inserted: unknown[] = await manager.query(
      `INSERT INTO tickets (id, kind, priority, status, customer_id, order_id, merchant_id, subject, source, source_key, opened_at, first_response_due_at, resolution_due_at)
       VALUES ($1, $2, $3, 'OPEN', $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (source_key) DO NOTHING RETURNING id`,
      [
        id,
        t.kind,
        t.priority,
        t.customerId,
        t.orderId ?? null,
        t.merchantId ?? null,
        t.subject,
        t.source,
        t.sourceKey ?? null,
        openedAt,
        addBusinessMinutes(openedAt, policy.firstResponseMinutes, this.hours),
        addBusinessMinutes(openedAt, policy.resolutionMinutes, this.hours),
      ],
    );
    if (inserted.length === 0) return undefined;
    await manager.query(
      `INSERT INTO ticket_messages (id, ticket_id, author_id, author_role, body) VALUES ($1, $2, $3, $4, $5)`,
      [
        randomUUID(),
        id,
        t.source === 'CUSTOMER' ? t.customerId : 'customer-service',
        t.source === 'CUSTOMER' ? 'CUSTOMER' : 'SYSTEM',
        t.body,
      ],
    );
    await this.outbox.publish(manager, TicketOpened, {
      ticketId: id,
      kind: t.kind,
      customerId: t.customerId,
      ...(t.merchantId ? { merchantId: t.merchantId } : {}),
      ...(t.orderId ? { orderId: t.orderId } : {}),
      subject: t.subject,
      openedAt: openedAt.toISOString(),
    });
    return id;
  }

  async assign(id: string, assigneeId: string): Promise<TicketResponse> {
    await this.act(id, 'assign', undefined, async (manager, row, next) => {
      await manager.query(`UPDATE tickets SET assignee_id = $2, status = $3, updated_at = now() WHERE id = $1`, [
        id,
        assigneeId,
        next,
      ]);
    });
    return this.view(id);
  }

  async prioritise(id: string, priority: TicketPriority): Promise<TicketResponse> {
    await this.act(id, 'prioritise', undefined, async (manager, row) => {
      const policy = await this.policy(manager, row.kind, priority);
      await manager.query(
        `UPDATE tickets SET priority = $2, first_response_due_at = $3, resolution_due_at = $4, updated_at = now() WHERE id = $1`,
        [
          id,
          priority,
          addBusinessMinutes(row.opened_at, policy.firstResponseMinutes, this.hours),
          addBusinessMinutes(row.opened_at, policy.resolutionMinutes, this.hours),
        ],
      );
    });
    return this.view(id);
  }

  /**
   * A reply. An agent's is the first response (if none yet) and waits on the customer (the resolution clock
   * pauses); a customer's, on its own ticket only, resumes it, moving the resolution due time on by the
   * business minutes it waited.
   */
  async reply(id: string, body: string, principal: Principal): Promise<TicketResponse> {
    const agent = isAgent(principal);
    await this.act(
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
          const waited = businessMinutesBetween(row.paused_at, now, this.hours);
          await manager.query(
            `UPDATE tickets SET status = $2, paused_at = NULL, resolution_due_at = $3, updated_at = now() WHERE id = $1`,
            [id, next, addBusinessMinutes(row.resolution_due_at, waited, this.hours)],
          );
        }
      },
    );
    return this.view(id, principal);
  }

  async note(id: string, body: string, principal: Principal): Promise<TicketResponse> {
    await this.act(id, 'note', undefined, async (manager) => {
      await manager.query(
        `INSERT INTO ticket_messages (id, ticket_id, author_id, author_role, internal, body) VALUES ($1, $2, $3, 'AGENT', true, $4)`,
        [randomUUID(), id, principal.subject, body],
      );
    });
    return this.view(id);
  }

  async resolve(id: string): Promise<TicketResponse> {
    await this.act(id, 'resolve', undefined, async (manager, row) => {
      const resolvedAt = new Date();
      await manager.query(
        `UPDATE tickets SET status = 'RESOLVED', resolved_at = $2, paused_at = NULL, updated_at = now() WHERE id = $1`,
        [id, resolvedAt],
      );
      await this.outbox.publish(manager, TicketResolved, {
        ticketId: id,
        kind: row.kind,
        customerId: row.customer_id,
        ...(row.merchant_id ? { merchantId: row.merchant_id } : {}),
        ...(row.order_id ? { orderId: row.order_id } : {}),
        ...(row.assignee_id ? { assigneeId: row.assignee_id } : {}),
        resolutionSla: row.resolution_breached_at || resolvedAt > row.resolution_due_at ? 'BREACHED' : 'MET',
        openedAt: row.opened_at.toISOString(),
        resolvedAt: resolvedAt.toISOString(),
      });
      // CSAT per agent: the customer is asked about a ticket an agent handled.
      if (row.assignee_id)
        await this.surveys.afterTicket(manager, {
          ticketId: id,
          customerId: row.customer_id,
          agentId: row.assignee_id,
        });
    });
    return this.view(id);
  }

  async close(id: string, principal: Principal): Promise<TicketResponse> {
    await this.act(id, 'close', isAgent(principal) ? undefined : principal, async (manager) => {
      await manager.query(`UPDATE tickets SET status = 'CLOSED', closed_at = now(), updated_at = now() WHERE id = $1`, [
        id,
      ]);
    });
    return this.view(id, principal);
  }

  /** Reopened: a new resolution target from now, which may be breached in its turn. */
  async reopen(id: string, principal: Principal): Promise<TicketResponse> {
    await this.act(id, 'reopen', isAgent(principal) ? undefined : principal, async (manager, row) => {
      const policy = await this.policy(manager, row.kind, row.priority);
      await manager.query(
        `UPDATE tickets SET status = 'OPEN', resolved_at = NULL, resolution_due_at = $2, resolution_breached_at = NULL, updated_at = now() WHERE id = $1`,
        [id, addBusinessMinutes(new Date(), policy.resolutionMinutes, this.hours)],
      );
    });
    return this.view(id, principal);
  }

  async get(id: string, principal: Principal): Promise<TicketResponse> {
    return this.view(id, principal);
  }

  async list(query: ListTicketsQuery, principal: Principal): Promise<TicketPageResponse> {
    const all = isAgent(principal);
    const limit = query.limit ?? 20;
    const after = query.cursor ? decodeCursor(query.cursor, 2) : undefined;
    const rows: Row[] = await this.dataSource.query(
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

  async policies(): Promise<SlaPolicyResponse[]> {
    const rows: Row[] = await this.dataSource.query(`SELECT * FROM sla_policies ORDER BY kind, priority`);
    return rows.map((r) => ({
      kind: r.kind,
      priority: r.priority,
      firstResponseMinutes: r.first_response_minutes,
      resolutionMinutes: r.resolution_minutes,
    }));
  }

  /** Applies to tickets opened (or reprioritised) from now on. */
  async setPolicy(
    kind: TicketKind,
    priority: TicketPriority,
    firstResponseMinutes: number,
    resolutionMinutes: number,
  ): Promise<SlaPolicyResponse> {
    await this.dataSource.query(
      `INSERT INTO sla_policies (kind, priority, first_response_minutes, resolution_minutes) VALUES ($1, $2, $3, $4)
       ON CONFLICT (kind, priority) DO UPDATE SET first_response_minutes = $3, resolution_minutes = $4, updated_at = now()`,
      [kind, priority, firstResponseMinutes, resolutionMinutes],
    );
    return { kind, priority, firstResponseMinutes, resolutionMinutes };
  }

  private async policy(
    manager: EntityManager,
    kind: string,
    priority: string,
  ): Promise<{ firstResponseMinutes: number; resolutionMinutes: number }> {
    const [row] = await manager.query(`SELECT * FROM sla_policies WHERE kind = $1 AND priority = $2`, [kind, priority]);
    if (!row) throw new Error(`no SLA policy for ${kind}/${priority}`);
    return { firstResponseMinutes: row.first_response_minutes, resolutionMinutes: row.resolution_minutes };
  }

  /** Locks the ticket, checks ownership (for a customer) and the states the action may start from, runs it. */
  private async act(
    id: string,
    action: TicketAction,
    owner: Principal | undefined,
    work: (manager: EntityManager, row: Row, next: TicketStatus) => Promise<void>,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query(`SELECT * FROM tickets WHERE id = $1 FOR UPDATE`, [id]);
      if (!row || (owner && row.customer_id !== owner.subject)) throw new NotFoundError('ticket', id);
      if (!mayStartTicket(action, row.status)) throw new IllegalTicketTransitionError(id, row.status, action);
      await work(manager, row, ticketStatusAfter(action, row.status));
    });
  }

  private async view(id: string, principal?: Principal): Promise<TicketResponse> {
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
