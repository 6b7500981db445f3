import { Inject, Injectable } from '@nestjs/common';
import { ReturnApproved } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import {
  NotFoundError,
  Principal,
  requestFingerprint,
  SERVICE_CONFIG,
  StoredResponse,
  withIdempotency,
} from '@emporium/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { careMetrics } from '../care.metrics';
import type { CustomerServiceConfig } from '../config';
import { NotificationsService } from '../notifications/notifications.service';
import { OrderHistoryService } from '../orders/order-history.service';
import { RequestReturnDto } from './dto/request-return.dto';
import { ReturnResponse } from './dto/return.response';
import { lockReturn, ReturnRow, returnNotice, transitionReturn } from './return-access';
import { ReturnQueries } from './return-queries.service';
import { UnprocessableFieldError } from './return.errors';
import { approvesAutomatically, returnableUnits, windowEndsAt } from './return-rules';
import { RETURN_HOLDS_UNITS } from './return-status';

/**
 * A return asked for and decided: the customer requests it (approved at once inside the window with no
 * reason given, otherwise left for ops), ops approves or rejects it, the customer may withdraw it.
 * Approval publishes `return.approved`, on which logistics books the return parcel.
 */
@Injectable()
export class ReturnRequestsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly orders: OrderHistoryService,
    private readonly notifications: NotificationsService,
    private readonly queries: ReturnQueries,
    @Inject(SERVICE_CONFIG) private readonly config: CustomerServiceConfig,
  ) {}

  /**
   * A customer asks to return delivered units of its own order. The order row is locked while the units
   * are counted, so two requests at once cannot both take the last returnable unit; a retried request
   * (same Idempotency-Key) gets the first answer instead of a second return.
   */
  async request(
    dto: RequestReturnDto,
    principal: Principal,
    idempotencyKey: string,
  ): Promise<StoredResponse & { replayed: boolean }> {
    return this.dataSource.transaction((manager) =>
      withIdempotency(
        manager,
        { operation: 'request-return', subject: principal.subject },
        idempotencyKey,
        requestFingerprint(dto),
        async () => {
          const id = await this.create(manager, dto, principal);
          return { status: 201, body: await this.queries.view(id, undefined, manager) };
        },
      ),
    );
  }

  private async create(manager: EntityManager, dto: RequestReturnDto, principal: Principal): Promise<string> {
    const order = await this.orders.find(manager, dto.orderId, true);
    // Someone else's order is as unknown as a missing one.
    if (!order || order.customerId !== principal.subject) throw new NotFoundError('order', dto.orderId);
    if (!order.deliveredAt || order.status === 'CANCELLED')
      throw new UnprocessableFieldError(
        'ORDER_NOT_DELIVERED',
        'orderId',
        `order ${dto.orderId} has not been delivered`,
      );
    const delivered = new Map((await this.orders.lines(manager, order.orderId)).map((line) => [line.sku, line]));
    const held = await this.heldUnits(manager, order.orderId);
    const merchants = new Set<string>();
    const seen = new Set<string>();
    for (const [i, line] of dto.lines.entries()) {
      if (seen.has(line.sku))
        throw new UnprocessableFieldError('RETURN_LINE_REPEATED', `lines.${i}.sku`, `${line.sku} is listed twice`);
      seen.add(line.sku);
      const deliveredLine = delivered.get(line.sku);
      if (!deliveredLine)
        throw new UnprocessableFieldError(
          'SKU_NOT_DELIVERED',
          `lines.${i}.sku`,
          `${line.sku} was not delivered in order ${order.orderId}`,
        );
      const returnable = returnableUnits(
        deliveredLine.quantity,
        held.get(line.sku) ?? 0,
        deliveredLine.refundedOutsideReturns,
      );
      if (line.quantity > returnable)
        throw new UnprocessableFieldError(
          'RETURN_QUANTITY_EXCEEDED',
          `lines.${i}.quantity`,
          `at most ${returnable} unit(s) of ${line.sku} can still be returned`,
        );
      const merchantId = deliveredLine.merchantId ?? (await this.merchantOfSku(manager, line.sku));
      if (!merchantId)
        throw new UnprocessableFieldError(
          'MERCHANT_UNKNOWN',
          `lines.${i}.sku`,
          `the merchant of ${line.sku} is not known yet; try again shortly`,
        );
      merchants.add(merchantId);
    }
    if (merchants.size > 1)
      throw new UnprocessableFieldError(
        'RETURN_SPANS_MERCHANTS',
        'lines',
        'the lines are sold by different merchants: request one return per merchant',
      );
    const [merchantId] = merchants;
    const now = new Date();
    const withinWindow = now.getTime() <= windowEndsAt(order.deliveredAt, this.config.RETURN_WINDOW_DAYS).getTime();
    const automatic = approvesAutomatically(dto.reason, now, order.deliveredAt, this.config.RETURN_WINDOW_DAYS);
    const id = randomUUID();
    await manager.query(
      `INSERT INTO returns (id, order_id, customer_id, merchant_id, status, reason, description, photo_urls, exchange, automatic, within_window, currency,
                            requested_at, decided_at, decided_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [
        id,
        order.orderId,
        order.customerId,
        merchantId,
        automatic ? 'APPROVED' : 'REQUESTED',
        dto.reason,
        dto.description ?? null,
        JSON.stringify(dto.photoUrls ?? []),
        dto.exchange ?? false,
        automatic,
        withinWindow,
        order.currency,
        now,
        automatic ? now : null,
        automatic ? 'automatic' : null,
      ],
    );
    for (const line of dto.lines)
      await manager.query(`INSERT INTO return_lines (return_id, sku, quantity) VALUES ($1, $2, $3)`, [
        id,
        line.sku,
        line.quantity,
      ]);
    const row = await lockReturn(manager, id);
    if (automatic) await this.approved(manager, row, now);
    else await this.notifications.queue(manager, returnNotice(row, 'RETURN_IN_REVIEW'));
    careMetrics.returns.inc({
      status: automatic ? 'APPROVED' : 'REQUESTED',
      decision: automatic ? 'automatic' : 'none',
    });
    return id;
  }

  async approve(id: string, note: string | undefined, principal: Principal): Promise<ReturnResponse> {
    await transitionReturn(this.dataSource, id, 'approve', async (manager, row) => {
      const now = new Date();
      await manager.query(
        `UPDATE returns SET status = 'APPROVED', decided_at = $2, decided_by = $3, decision_note = $4, updated_at = now() WHERE id = $1`,
        [id, now, principal.subject, note ?? null],
      );
      await this.approved(manager, { ...row, status: 'APPROVED' }, now);
      careMetrics.returns.inc({ status: 'APPROVED', decision: 'agent' });
    });
    return this.queries.view(id);
  }

  /** A rejected return refunds nothing and frees its units (the customer may ask again, e.g. with photos). */
  async reject(id: string, note: string, principal: Principal): Promise<ReturnResponse> {
    await transitionReturn(this.dataSource, id, 'reject', async (manager, row) => {
      await manager.query(
        `UPDATE returns SET status = 'REJECTED', decided_at = now(), decided_by = $2, decision_note = $3, closed_at = now(), updated_at = now() WHERE id = $1`,
        [id, principal.subject, note],
      );
      await this.notifications.queue(manager, returnNotice(row, 'RETURN_REJECTED', { note }));
      careMetrics.returns.inc({ status: 'REJECTED', decision: 'agent' });
    });
    return this.queries.view(id);
  }

  async cancel(id: string, principal: Principal): Promise<ReturnResponse> {
    await transitionReturn(
      this.dataSource,
      id,
      'cancel',
      async (manager) => {
        await manager.query(
          `UPDATE returns SET status = 'CANCELLED', closed_at = now(), updated_at = now() WHERE id = $1`,
          [id],
        );
      },
      principal,
    );
    return this.queries.view(id, principal);
  }

  private async approved(manager: EntityManager, row: ReturnRow, approvedAt: Date): Promise<void> {
    const lines: ReturnRow[] = await manager.query(
      `SELECT sku, quantity FROM return_lines WHERE return_id = $1 ORDER BY sku`,
      [row.id],
    );
    await this.outbox.publish(manager, ReturnApproved, {
      returnId: row.id,
      orderId: row.order_id,
      customerId: row.customer_id,
      merchantId: row.merchant_id,
      automatic: row.automatic,
      lines: lines.map((line) => ({ sku: line.sku, quantity: line.quantity })),
      approvedAt: approvedAt.toISOString(),
    });
    await this.notifications.queue(manager, returnNotice(row, 'RETURN_APPROVED'));
  }

  private async heldUnits(manager: EntityManager, orderId: string): Promise<Map<string, number>> {
    const rows: ReturnRow[] = await manager.query(
      `SELECT l.sku, sum(l.quantity)::int AS held FROM return_lines l JOIN returns r ON r.id = l.return_id
        WHERE r.order_id = $1 AND r.status = ANY($2) GROUP BY l.sku`,
      [orderId, RETURN_HOLDS_UNITS],
    );
    return new Map(rows.map((row) => [row.sku, row.held]));
  }

  private async merchantOfSku(manager: EntityManager, sku: string): Promise<string | undefined> {
    const [row] = await manager.query(`SELECT merchant_id FROM sku_products WHERE sku = $1`, [sku]);
    return row?.merchant_id;
  }
}
