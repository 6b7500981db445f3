import { Injectable } from '@nestjs/common';
import { TicketKind, TicketOpened, TicketPriority } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { NotFoundError, Principal } from '@emporium/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { OrderHistoryService } from '../orders/order-history.service';
import { UnprocessableFieldError } from '../returns/return.errors';
import { FaqSuggestionResponse, TicketResponse } from './dto/ticket.response';
import { OpenTicketDto } from './dto/open-ticket.dto';
import { SlaPolicies } from './sla-policies.service';
import { TicketQueries } from './ticket-queries.service';

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

/**
 * Opening a ticket, by a customer or by customer-service itself (a delivery exception, a low review): its
 * SLA due times from the policy of its kind and priority, its first message, `ticket.opened`.
 */
@Injectable()
export class TicketOpening {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly orders: OrderHistoryService,
    private readonly sla: SlaPolicies,
    private readonly queries: TicketQueries,
  ) {}

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
    const view = await this.queries.view(id, principal);
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
    const policy = await this.sla.policy(manager, t.kind, t.priority);
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
        this.sla.after(openedAt, policy.firstResponseMinutes),
        this.sla.after(openedAt, policy.resolutionMinutes),
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
}
