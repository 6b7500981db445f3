import { Injectable, Logger } from '@nestjs/common';
import { DomainEvent, OrderRefundedV1, ReturnRefundRequested } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { DataSource, EntityManager } from 'typeorm';
import { careMetrics } from '../care.metrics';
import { NotificationsService } from '../notifications/notifications.service';
import { ReturnResponse } from './dto/return.response';
import { lockReturn, ReturnRow, returnNotice, transitionReturn } from './return-access';
import { ReturnQueries } from './return-queries.service';
import { refundAmount } from './return-rules';
import { mayStart } from './return-status';

/**
 * How an inspected return ends: the refund asked of orders (`return.refund-requested`) and marked when
 * orders reports it, or the replacement of an exchange sent by ops.
 */
@Injectable()
export class ReturnSettlementService {
  private readonly logger = new Logger(ReturnSettlementService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly notifications: NotificationsService,
    private readonly queries: ReturnQueries,
  ) {}

  /** An exchange whose replacement cannot be sent is refunded instead. */
  async refund(id: string): Promise<ReturnResponse> {
    await transitionReturn(this.dataSource, id, 'refund', (manager, row) => this.requestRefund(manager, row));
    return this.queries.view(id);
  }

  async fulfilExchange(id: string): Promise<ReturnResponse> {
    await transitionReturn(this.dataSource, id, 'fulfil-exchange', async (manager, row) => {
      await manager.query(
        `UPDATE returns SET status = 'EXCHANGED', closed_at = now(), updated_at = now() WHERE id = $1`,
        [id],
      );
      await this.notifications.queue(manager, returnNotice(row, 'RETURN_EXCHANGED'));
    });
    return this.queries.view(id);
  }

  /**
   * Asks orders for the refund of every returned unit, in the caller's transaction (the return is locked):
   * each line's net price (after its discount share), pro rata per unit and cumulative over the order's
   * earlier returns, so partial returns add up exactly.
   */
  async requestRefund(manager: EntityManager, row: ReturnRow): Promise<void> {
    const returned: ReturnRow[] = await manager.query(`SELECT * FROM return_lines WHERE return_id = $1 ORDER BY sku`, [
      row.id,
    ]);
    const delivered = new Map<string, ReturnRow>(
      (await manager.query(`SELECT * FROM order_lines WHERE order_id = $1 FOR UPDATE`, [row.order_id])).map(
        (line: ReturnRow) => [line.sku, line],
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

  /** orders refunded a return of ours: it is REFUNDED. Answers whether the refund was for one of ours. */
  async onRefunded(event: DomainEvent<OrderRefundedV1>, manager: EntityManager): Promise<boolean> {
    const refund = event.data;
    if (!refund.returnId) return false;
    const row = await lockReturn(manager, refund.returnId);
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
    await this.notifications.queue(
      manager,
      returnNotice(row, 'RETURN_REFUNDED', { amount: refund.amount, currency: refund.currency }),
    );
    careMetrics.returns.inc({ status: 'REFUNDED', decision: row.automatic ? 'automatic' : 'agent' });
    return true;
  }
}
