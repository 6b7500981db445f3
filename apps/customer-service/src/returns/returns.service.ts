import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  DomainEvent,
  OrderRefundedV1,
  ReturnApproved,
  ReturnInspected,
  ReturnRefundRequested,
  ShipmentReturnCreatedV1,
  ShipmentReturnReceivedV1,
} from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import {
  decodeCursor,
  encodeCursor,
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
import { InspectReturnDto } from './dto/inspect-return.dto';
import { ListReturnsQuery } from './dto/list-returns.query';
import { RequestReturnDto } from './dto/request-return.dto';
import { ReturnPageResponse, ReturnResponse } from './dto/return.response';
import { IllegalReturnTransitionError, UnprocessableFieldError } from './return.errors';
import { returnView } from './return.view';
import { approvesAutomatically, refundAmount, returnableUnits, windowEndsAt } from './return-rules';
import { mayStart, RETURN_HOLDS_UNITS, ReturnAction, ReturnStatus } from './return-status';

/** Who may see which returns: ops, warehouse and services all; a merchant its own; a customer its own. */
function scopeOf(principal: Principal): { all: boolean; customerId?: string; merchantId?: string } {
  if (principal.roles.some((role) => role === 'ops' || role === 'warehouse' || role === 'service'))
    return { all: true };
  return {
    all: false,
    customerId: principal.roles.includes('customer') ? principal.subject : undefined,
    merchantId: principal.roles.includes('merchant') ? principal.merchantId : undefined,
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg rows
type Row = any;

@Injectable()
export class ReturnsService {
  private readonly logger = new Logger(ReturnsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly orders: OrderHistoryService,
    private readonly notifications: NotificationsService,
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
          return { status: 201, body: await this.view(id, undefined, manager) };
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
    const row = await this.lock(manager, id);
    if (automatic) await this.approved(manager, row, now);
    else await this.notify(manager, row, 'RETURN_IN_REVIEW');
    careMetrics.returns.inc({
      status: automatic ? 'APPROVED' : 'REQUESTED',
      decision: automatic ? 'automatic' : 'none',
    });
    return id;
  }

  async approve(id: string, note: string | undefined, principal: Principal): Promise<ReturnResponse> {
    await this.transition(id, 'approve', async (manager, row) => {
      const now = new Date();
      await manager.query(
        `UPDATE returns SET status = 'APPROVED', decided_at = $2, decided_by = $3, decision_note = $4, updated_at = now() WHERE id = $1`,
        [id, now, principal.subject, note ?? null],
      );
      await this.approved(manager, { ...row, status: 'APPROVED' }, now);
      careMetrics.returns.inc({ status: 'APPROVED', decision: 'agent' });
    });
    return this.view(id);
  }

  /** A rejected return refunds nothing and frees its units (the customer may ask again, e.g. with photos). */
  async reject(id: string, note: string, principal: Principal): Promise<ReturnResponse> {
    await this.transition(id, 'reject', async (manager, row) => {
      await manager.query(
        `UPDATE returns SET status = 'REJECTED', decided_at = now(), decided_by = $2, decision_note = $3, closed_at = now(), updated_at = now() WHERE id = $1`,
        [id, principal.subject, note],
      );
      await this.notify(manager, row, 'RETURN_REJECTED', { note });
      careMetrics.returns.inc({ status: 'REJECTED', decision: 'agent' });
    });
    return this.view(id);
  }

  async cancel(id: string, principal: Principal): Promise<ReturnResponse> {
    await this.transition(
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
    return this.view(id, principal);
  }

  /**
   * Inspection accounts for every returned unit once, RESALEABLE or DAMAGED: inventory restocks or writes
   * off from `return.inspected`. A refund return then asks orders for the money in the same transaction;
   * an exchange waits for ops to send the replacement.
   */
  async inspect(id: string, dto: InspectReturnDto): Promise<ReturnResponse> {
    await this.transition(id, 'inspect', async (manager, row) => {
      const returned: Row[] = await manager.query(`SELECT * FROM return_lines WHERE return_id = $1`, [id]);
      const counted = new Map<string, { resaleable: number; damaged: number; notes: string[] }>();
      for (const [i, line] of dto.lines.entries()) {
        if (!returned.some((r) => r.sku === line.sku))
          throw new UnprocessableFieldError(
            'SKU_NOT_RETURNED',
            `lines.${i}.sku`,
            `${line.sku} is not part of return ${id}`,
          );
        const tally = counted.get(line.sku) ?? { resaleable: 0, damaged: 0, notes: [] };
        if (line.condition === 'RESALEABLE') tally.resaleable += line.quantity;
        else tally.damaged += line.quantity;
        if (line.note) tally.notes.push(line.note);
        counted.set(line.sku, tally);
      }
      for (const line of returned) {
        const tally = counted.get(line.sku);
        const total = tally ? tally.resaleable + tally.damaged : 0;
        if (total !== line.quantity)
          throw new UnprocessableFieldError(
            'INSPECTION_INCOMPLETE',
            'lines',
            `${line.sku}: ${line.quantity} unit(s) were returned, ${total} inspected`,
          );
        await manager.query(
          `UPDATE return_lines SET resaleable = $3, damaged = $4, note = $5 WHERE return_id = $1 AND sku = $2`,
          [id, line.sku, tally!.resaleable, tally!.damaged, tally!.notes.join('; ').slice(0, 500) || null],
        );
      }
      const inspectedAt = new Date();
      await manager.query(
        `UPDATE returns SET status = 'INSPECTED', inspected_at = $2, updated_at = now() WHERE id = $1`,
        [id, inspectedAt],
      );
      await this.outbox.publish(manager, ReturnInspected, {
        returnId: id,
        orderId: row.order_id,
        customerId: row.customer_id,
        ...(row.warehouse_id ? { warehouseId: row.warehouse_id } : {}),
        lines: dto.lines.map((line) => ({
          sku: line.sku,
          quantity: line.quantity,
          condition: line.condition,
          ...(line.note ? { note: line.note } : {}),
        })),
        inspectedAt: inspectedAt.toISOString(),
      });
      if (!row.exchange) await this.requestRefund(manager, row);
    });
    return this.view(id);
  }

  /** An exchange whose replacement cannot be sent is refunded instead. */
  async refund(id: string): Promise<ReturnResponse> {
    await this.transition(id, 'refund', (manager, row) => this.requestRefund(manager, row));
    return this.view(id);
  }

  async fulfilExchange(id: string): Promise<ReturnResponse> {
    await this.transition(id, 'fulfil-exchange', async (manager, row) => {
      await manager.query(
        `UPDATE returns SET status = 'EXCHANGED', closed_at = now(), updated_at = now() WHERE id = $1`,
        [id],
      );
      await this.notify(manager, row, 'RETURN_EXCHANGED');
    });
    return this.view(id);
  }

  // ---- events --------------------------------------------------------------------------------

  async onReturnShipmentCreated(event: DomainEvent<ShipmentReturnCreatedV1>, manager: EntityManager): Promise<void> {
    const shipment = event.data;
    const [updated]: [Row[], number] = await manager.query(
      `UPDATE returns SET return_shipment_id = $2, tracking_number = $3, updated_at = now() WHERE id = $1 AND return_shipment_id IS NULL RETURNING *`,
      [shipment.returnId, shipment.shipmentId, shipment.trackingNumber],
    );
    if (updated.length === 0) return;
    await this.notify(manager, updated[0], 'RETURN_LABEL', {
      carrier: shipment.carrier,
      trackingNumber: shipment.trackingNumber,
    });
  }

  async onReturnReceived(event: DomainEvent<ShipmentReturnReceivedV1>, manager: EntityManager): Promise<void> {
    const received = event.data;
    const row = await this.lock(manager, received.returnId);
    if (!row || !mayStart('receive', row.status)) {
      // Not ours, or already received (a redelivery): nothing to do.
      if (!row) this.logger.warn({ msg: 'return parcel received for an unknown return', returnId: received.returnId });
      return;
    }
    await manager.query(
      `UPDATE returns SET status = 'RECEIVED', received_at = $2, warehouse_id = $3, return_shipment_id = coalesce(return_shipment_id, $4), updated_at = now() WHERE id = $1`,
      [row.id, received.receivedAt, received.warehouseId, received.shipmentId],
    );
    await this.notify(manager, row, 'RETURN_RECEIVED');
  }

  /** orders refunded a return of ours: it is REFUNDED. Answers whether the refund was for one of ours. */
  async onRefunded(event: DomainEvent<OrderRefundedV1>, manager: EntityManager): Promise<boolean> {
    const refund = event.data;
    if (!refund.returnId) return false;
    const row = await this.lock(manager, refund.returnId);
    if (!row) return false;
    if (!mayStart('mark-refunded', row.status)) {
      this.logger.warn({
        msg: 'refund for a return not waiting for one; ignored',
        returnId: row.id,
        status: row.status,
      });
      return true;
    }
    await manager.query(
      `UPDATE returns SET status = 'REFUNDED', refund_id = $2, refunded_amount = $3, closed_at = now(), updated_at = now() WHERE id = $1`,
      [row.id, refund.refundId, refund.amount],
    );
    if (row.expected_amount !== refund.amount)
      this.logger.warn({
        msg: 'orders refunded another amount than expected',
        returnId: row.id,
        expected: row.expected_amount,
        refunded: refund.amount,
      });
    await this.notify(manager, row, 'RETURN_REFUNDED', { amount: refund.amount, currency: refund.currency });
    careMetrics.returns.inc({ status: 'REFUNDED', decision: row.automatic ? 'automatic' : 'agent' });
    return true;
  }

  // ---- reads ---------------------------------------------------------------------------------

  async get(id: string, principal: Principal): Promise<ReturnResponse> {
    return this.view(id, principal);
  }

  async list(query: ListReturnsQuery, principal: Principal): Promise<ReturnPageResponse> {
    const scope = scopeOf(principal);
    const limit = query.limit ?? 20;
    const after = query.cursor ? decodeCursor(query.cursor, 2) : undefined;
    const rows: Row[] = await this.dataSource.query(
      `SELECT * FROM returns
        WHERE ($1::boolean OR customer_id = $2::uuid OR merchant_id = $3::uuid)
          AND ($4::uuid IS NULL OR order_id = $4) AND ($5::text IS NULL OR status = $5)
          AND ($6::timestamptz IS NULL OR (requested_at, id) < ($6, $7::uuid))
        ORDER BY requested_at DESC, id DESC LIMIT $8`,
      [
        scope.all,
        scope.customerId ?? null,
        scope.merchantId ?? null,
        query.orderId ?? null,
        query.status ?? null,
        after?.[0] ?? null,
        after?.[1] ?? null,
        limit + 1,
      ],
    );
    const page = rows.slice(0, limit);
    const lines: Row[] = page.length
      ? await this.dataSource.query(`SELECT * FROM return_lines WHERE return_id = ANY($1) ORDER BY sku`, [
          page.map((r) => r.id),
        ])
      : [];
    const last = page[page.length - 1];
    return {
      items: page.map((row) =>
        returnView(
          row,
          lines.filter((line) => line.return_id === row.id),
        ),
      ),
      nextCursor: rows.length > limit ? encodeCursor([last.requested_at.toISOString(), last.id]) : null,
    };
  }

  // ---- internals -----------------------------------------------------------------------------

  private async approved(manager: EntityManager, row: Row, approvedAt: Date): Promise<void> {
    const lines: Row[] = await manager.query(
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
    await this.notify(manager, row, 'RETURN_APPROVED');
  }

  /**
   * Asks orders for the refund of every returned unit: each line's net price (after its discount share),
   * pro rata per unit and cumulative over the order's earlier returns, so partial returns add up exactly.
   */
  private async requestRefund(manager: EntityManager, row: Row): Promise<void> {
    const returned: Row[] = await manager.query(`SELECT * FROM return_lines WHERE return_id = $1 ORDER BY sku`, [
      row.id,
    ]);
    const delivered = new Map<string, Row>(
      (await manager.query(`SELECT * FROM order_lines WHERE order_id = $1 FOR UPDATE`, [row.order_id])).map(
        (line: Row) => [line.sku, line],
      ),
    );
    let expectedAmount = 0;
    for (const line of returned) {
      const d = delivered.get(line.sku);
      expectedAmount += refundAmount(
        {
          sku: line.sku,
          quantity: d.quantity,
          lineTotal: d.line_total,
          discount: d.discount,
          refundRequested: d.refund_requested_quantity,
        },
        line.quantity,
      );
      await manager.query(
        `UPDATE order_lines SET refund_requested_quantity = refund_requested_quantity + $3 WHERE order_id = $1 AND sku = $2`,
        [row.order_id, line.sku, line.quantity],
      );
    }
    const requestedAt = new Date();
    await manager.query(
      `UPDATE returns SET status = 'REFUND_REQUESTED', expected_amount = $2, refund_requested_at = $3, updated_at = now() WHERE id = $1`,
      [row.id, expectedAmount, requestedAt],
    );
    await this.outbox.publish(manager, ReturnRefundRequested, {
      returnId: row.id,
      orderId: row.order_id,
      customerId: row.customer_id,
      currency: row.currency,
      expectedAmount,
      lines: returned.map((line) => ({ sku: line.sku, quantity: line.quantity })),
      requestedAt: requestedAt.toISOString(),
    });
  }

  /** Loads and locks the return, checks the action may start from its status (and, for a customer, that it is its own), runs it. */
  private async transition(
    id: string,
    action: ReturnAction,
    work: (manager: EntityManager, row: Row) => Promise<void>,
    owner?: Principal,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const row = await this.lock(manager, id);
      if (!row || (owner && row.customer_id !== owner.subject)) throw new NotFoundError('return', id);
      if (!mayStart(action, row.status as ReturnStatus)) throw new IllegalReturnTransitionError(id, row.status, action);
      await work(manager, row);
    });
  }

  private async lock(manager: EntityManager, id: string): Promise<Row | undefined> {
    const [row] = await manager.query(`SELECT * FROM returns WHERE id = $1 FOR UPDATE`, [id]);
    return row;
  }

  private async heldUnits(manager: EntityManager, orderId: string): Promise<Map<string, number>> {
    const rows: Row[] = await manager.query(
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

  private async notify(
    manager: EntityManager,
    row: Row,
    template:
      | 'RETURN_IN_REVIEW'
      | 'RETURN_APPROVED'
      | 'RETURN_REJECTED'
      | 'RETURN_LABEL'
      | 'RETURN_RECEIVED'
      | 'RETURN_REFUNDED'
      | 'RETURN_EXCHANGED',
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    await this.notifications.queue(manager, {
      memberId: row.customer_id,
      template,
      dedupeKey: `${template}:${row.id}`,
      data: { returnId: row.id, orderId: row.order_id, ...extra },
    });
  }

  private async view(
    id: string,
    principal?: Principal,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ReturnResponse> {
    const [row] = await manager.query(`SELECT * FROM returns WHERE id = $1`, [id]);
    if (row && principal) {
      const scope = scopeOf(principal);
      const visible = scope.all || row.customer_id === scope.customerId || row.merchant_id === scope.merchantId;
      if (!visible) throw new NotFoundError('return', id);
    }
    if (!row) throw new NotFoundError('return', id);
    const lines = await manager.query(`SELECT * FROM return_lines WHERE return_id = $1 ORDER BY sku`, [id]);
    return returnView(row, lines);
  }
}
