import { Injectable } from '@nestjs/common';
import { DomainError, NotFoundError, Principal } from '@emporium/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { NotificationsService } from '../notifications/notifications.service';
import { csatOf } from './csat';
import { CsatResponse, SurveyResponse } from './dto/survey.response';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg rows
type Row = any;

const view = (r: Row): SurveyResponse => ({
  id: r.id,
  kind: r.kind,
  orderId: r.order_id,
  ticketId: r.ticket_id,
  merchantId: r.merchant_id,
  agentId: r.agent_id,
  score: r.score,
  comment: r.comment,
  createdAt: r.created_at.toISOString(),
  answeredAt: r.answered_at ? r.answered_at.toISOString() : null,
});

const DAY_MS = 86_400_000;

/** Satisfaction follow-up: a survey per merchant of a delivered order, and per agent-resolved ticket. */
@Injectable()
export class SurveysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

  /** After delivery: one survey per merchant of the order (CSAT is per merchant); one notice for the order. */
  async afterDelivery(
    manager: EntityManager,
    order: { orderId: string; customerId: string; merchantIds: string[] },
  ): Promise<void> {
    let first: string | undefined;
    for (const merchantId of [...new Set(order.merchantIds)]) {
      const id = randomUUID();
      const inserted: unknown[] = await manager.query(
        `INSERT INTO surveys (id, kind, subject_key, customer_id, order_id, merchant_id) VALUES ($1, 'ORDER', $2, $3, $4, $5) ON CONFLICT (subject_key) DO NOTHING RETURNING id`,
        [id, `ORDER:${order.orderId}:${merchantId}`, order.customerId, order.orderId, merchantId],
      );
      if (inserted.length > 0) first ??= id;
    }
    if (first) {
      await this.notifications.queue(manager, {
        memberId: order.customerId,
        template: 'SATISFACTION_SURVEY',
        dedupeKey: `SATISFACTION_SURVEY:${order.orderId}`,
        data: { orderId: order.orderId, surveyId: first },
      });
    }
  }

  /** After an agent resolved a ticket: CSAT per agent. */
  async afterTicket(
    manager: EntityManager,
    ticket: { ticketId: string; customerId: string; agentId: string; merchantId?: string | null },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO surveys (id, kind, subject_key, customer_id, ticket_id, agent_id) VALUES ($1, 'TICKET', $2, $3, $4, $5) ON CONFLICT (subject_key) DO NOTHING`,
      [randomUUID(), `TICKET:${ticket.ticketId}`, ticket.customerId, ticket.ticketId, ticket.agentId],
    );
  }

  async mine(principal: Principal): Promise<SurveyResponse[]> {
    return (
      await this.dataSource.query(`SELECT * FROM surveys WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 100`, [
        principal.subject,
      ])
    ).map(view);
  }

  /** Answered once, by the customer it was sent to. */
  async answer(id: string, score: number, comment: string | undefined, principal: Principal): Promise<SurveyResponse> {
    const [rows]: [Row[], number] = await this.dataSource.query(
      `UPDATE surveys SET score = $3, comment = $4, answered_at = now() WHERE id = $1 AND customer_id = $2 AND answered_at IS NULL RETURNING *`,
      [id, principal.subject, score, comment ?? null],
    );
    if (rows.length > 0) return view(rows[0]);
    const [existing] = await this.dataSource.query(`SELECT customer_id FROM surveys WHERE id = $1`, [id]);
    if (!existing || existing.customer_id !== principal.subject) throw new NotFoundError('survey', id);
    throw new DomainError('SURVEY_ALREADY_ANSWERED', `survey ${id} was already answered`, 409, { surveyId: id });
  }

  async csat(from?: string, to?: string): Promise<CsatResponse> {
    const until = to ? new Date(to) : new Date();
    const since = from ? new Date(from) : new Date(until.getTime() - 30 * DAY_MS);
    const rows: Row[] = await this.dataSource.query(
      `SELECT kind, merchant_id, agent_id, array_agg(score) AS scores FROM surveys
        WHERE answered_at >= $1 AND answered_at < $2 AND score IS NOT NULL
        GROUP BY kind, merchant_id, agent_id`,
      [since, until],
    );
    const entries = (kind: string, key: 'merchant_id' | 'agent_id') =>
      rows
        .filter((r) => r.kind === kind && r[key])
        .map((r) => ({ id: r[key], ...csatOf(r.scores) }))
        .sort((a, b) => b.responses - a.responses || a.id.localeCompare(b.id));
    return {
      from: since.toISOString(),
      to: until.toISOString(),
      merchants: entries('ORDER', 'merchant_id'),
      agents: entries('TICKET', 'agent_id'),
    };
  }
}
