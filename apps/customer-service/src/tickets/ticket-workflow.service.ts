import { Injectable } from '@nestjs/common';
import { TicketPriority, TicketResolved } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { Principal } from '@emporium/platform';
import { DataSource } from 'typeorm';
import { SurveysService } from '../surveys/surveys.service';
import { TicketResponse } from './dto/ticket.response';
import { SlaPolicies } from './sla-policies.service';
import { actOnTicket, isAgent } from './ticket-access';
import { TicketQueries } from './ticket-queries.service';

/** A ticket's way from open to closed: assignment, priority (and its SLA due times), resolution, closing, reopening. */
@Injectable()
export class TicketWorkflow {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly surveys: SurveysService,
    private readonly sla: SlaPolicies,
    private readonly queries: TicketQueries,
  ) {}

  async assign(id: string, assigneeId: string): Promise<TicketResponse> {
    await actOnTicket(this.dataSource, id, 'assign', undefined, async (manager, row, next) => {
      await manager.query(`UPDATE tickets SET assignee_id = $2, status = $3, updated_at = now() WHERE id = $1`, [
        id,
        assigneeId,
        next,
      ]);
    });
    return this.queries.view(id);
  }

  async prioritise(id: string, priority: TicketPriority): Promise<TicketResponse> {
    await actOnTicket(this.dataSource, id, 'prioritise', undefined, async (manager, row) => {
      const policy = await this.sla.policy(manager, row.kind, priority);
      await manager.query(
        `UPDATE tickets SET priority = $2, first_response_due_at = $3, resolution_due_at = $4, updated_at = now() WHERE id = $1`,
        [
          id,
          priority,
          this.sla.after(row.opened_at, policy.firstResponseMinutes),
          this.sla.after(row.opened_at, policy.resolutionMinutes),
        ],
      );
    });
    return this.queries.view(id);
  }

  async resolve(id: string): Promise<TicketResponse> {
    await actOnTicket(this.dataSource, id, 'resolve', undefined, async (manager, row) => {
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
    return this.queries.view(id);
  }

  async close(id: string, principal: Principal): Promise<TicketResponse> {
    await actOnTicket(this.dataSource, id, 'close', isAgent(principal) ? undefined : principal, async (manager) => {
      await manager.query(`UPDATE tickets SET status = 'CLOSED', closed_at = now(), updated_at = now() WHERE id = $1`, [
        id,
      ]);
    });
    return this.queries.view(id, principal);
  }

  /** Reopened: a new resolution target from now, which may be breached in its turn. */
  async reopen(id: string, principal: Principal): Promise<TicketResponse> {
    await actOnTicket(
      this.dataSource,
      id,
      'reopen',
      isAgent(principal) ? undefined : principal,
      async (manager, row) => {
        const policy = await this.sla.policy(manager, row.kind, row.priority);
        await manager.query(
          `UPDATE tickets SET status = 'OPEN', resolved_at = NULL, resolution_due_at = $2, resolution_breached_at = NULL, updated_at = now() WHERE id = $1`,
          [id, this.sla.after(new Date(), policy.resolutionMinutes)],
        );
      },
    );
    return this.queries.view(id, principal);
  }
}
