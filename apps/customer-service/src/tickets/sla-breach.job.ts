import { Inject, Injectable } from '@nestjs/common';
import { SlaTarget, TicketSlaBreached } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { PeriodicJob, SERVICE_CONFIG } from '@emporium/platform';
import { DataSource, EntityManager } from 'typeorm';
import { careMetrics } from '../care.metrics';
import type { CustomerServiceConfig } from '../config';

/**
 * Raises `customer-service.ticket.sla-breached` once per ticket and target. The breach mark is set in the
 * same transaction as the event, and candidates are claimed with FOR UPDATE SKIP LOCKED (a row another
 * sweep has claimed is skipped; one it has already marked no longer matches), so replicas sweeping at
 * the same moment never raise one breach twice. An agent's first answer before the due time clears the
 * first-response target; waiting on the customer pauses the resolution target.
 */
@Injectable()
export class SlaBreachJob extends PeriodicJob {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) private readonly config: CustomerServiceConfig,
  ) {
    super();
  }

  protected intervalMs(): number {
    return this.config.SLA_SWEEP_MS;
  }

  protected async tick(): Promise<void> {
    const raised = await this.sweep();
    if (raised > 0) this.logger.warn({ msg: 'SLA breaches raised', raised });
  }

  async sweep(limit = 100): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const first = await this.mark(
        manager,
        'FIRST_RESPONSE',
        `UPDATE tickets t SET first_response_breached_at = now()
          WHERE t.id IN (SELECT id FROM tickets
                          WHERE first_responded_at IS NULL AND first_response_breached_at IS NULL AND status IN ('OPEN', 'IN_PROGRESS')
                            AND first_response_due_at <= now()
                          ORDER BY first_response_due_at LIMIT $1 FOR UPDATE SKIP LOCKED)
          RETURNING t.*, t.first_response_due_at AS due_at, t.first_response_breached_at AS detected_at`,
        limit,
      );
      const resolution = await this.mark(
        manager,
        'RESOLUTION',
        `UPDATE tickets t SET resolution_breached_at = now()
          WHERE t.id IN (SELECT id FROM tickets
                          WHERE resolution_breached_at IS NULL AND status IN ('OPEN', 'IN_PROGRESS') AND resolution_due_at <= now()
                          ORDER BY resolution_due_at LIMIT $1 FOR UPDATE SKIP LOCKED)
          RETURNING t.*, t.resolution_due_at AS due_at, t.resolution_breached_at AS detected_at`,
        limit,
      );
      return first + resolution;
    });
  }

  private async mark(manager: EntityManager, target: SlaTarget, sql: string, limit: number): Promise<number> {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg rows
    const [rows]: [any[], number] = await manager.query(sql, [limit]);
    for (const row of rows) {
      careMetrics.slaBreaches.inc({ kind: row.kind, target });
      await this.outbox.publish(manager, TicketSlaBreached, {
        ticketId: row.id,
        kind: row.kind,
        priority: row.priority,
        target,
        ...(row.assignee_id ? { assigneeId: row.assignee_id } : {}),
        ...(row.merchant_id ? { merchantId: row.merchant_id } : {}),
        dueAt: row.due_at.toISOString(),
        detectedAt: row.detected_at.toISOString(),
      });
    }
    return rows.length;
  }
}
