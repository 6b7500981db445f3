import { Injectable } from '@nestjs/common';
import { EventMetadata } from '@emporium/contracts';
import { ExternalCalls } from '@emporium/messaging';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { PaymentGateway } from './payment-gateway';

export type PaymentOperation = 'AUTHORISE' | 'CAPTURE' | 'VOID' | 'REFUND';
export type PaymentStatus = 'REQUESTED' | 'PENDING' | 'SUCCEEDED' | 'DECLINED' | 'FAILED';

/** One row of the payments ledger: every money movement of an order. */
export interface PaymentRow {
  id: string;
  orderId: string;
  operation: PaymentOperation;
  idempotencyKey: string;
  amount: number;
  currency: string;
  gateway: string;
  status: PaymentStatus;
  gatewayReference: string | null;
  returnId: string | null;
  points: number;
  lines: { sku: string; quantity: number; amount: number; merchantId?: string }[] | null;
  detail: string | null;
  requestedAt: Date;
  settledAt: Date | null;
}

/** The `ExternalCalls` request of every payment kind: which ledger row, and the event that led to it. */
export interface PaymentCallRequest {
  paymentId: string;
  /** The event that led to the call: what the result publishes is caused by it (tracing, ce_causationid). */
  cause?: EventMetadata;
}

const COLUMNS = `id, order_id AS "orderId", operation, idempotency_key AS "idempotencyKey", amount::float8 AS amount, currency, gateway, status,
  gateway_reference AS "gatewayReference", return_id AS "returnId", points, lines, detail, requested_at AS "requestedAt", settled_at AS "settledAt"`;

/**
 * The payments ledger: every operation is a row written in the caller's transaction together with an
 * ExternalCalls intent (same idempotency key, which the gateway also gets), once per operation. The calls
 * themselves, after the commit, are PaymentCalls' job.
 */
@Injectable()
export class PaymentLedger {
  constructor(
    private readonly dataSource: DataSource,
    private readonly externalCalls: ExternalCalls,
    private readonly gateway: PaymentGateway,
  ) {}

  /** Asks the gateway to authorise the order's amount to pay, after the caller's commit. Once per order. */
  async authorise(
    manager: EntityManager,
    order: { id: string; amountToPay: number | null; totalAmount: number; currency: string },
    cause?: EventMetadata,
  ): Promise<void> {
    await this.request(
      manager,
      'AUTHORISE',
      `payment:authorise:${order.id}`,
      { orderId: order.id, amount: order.amountToPay ?? order.totalAmount, currency: order.currency },
      cause,
    );
  }

  async capture(manager: EntityManager, order: { id: string; currency: string }, cause?: EventMetadata): Promise<void> {
    const authorised = await this.succeededAuthorisation(manager, order.id);
    if (!authorised) return;
    await this.request(
      manager,
      'CAPTURE',
      `payment:capture:${order.id}`,
      { orderId: order.id, amount: authorised.amount, currency: order.currency },
      cause,
    );
  }

  /**
   * Gives an authorisation back when an order is cancelled: a succeeded one, a pending (asynchronous) one,
   * and a timed-out one (the provider may have authorised after all). Nothing to do when none was asked.
   */
  async voidAuthorisation(manager: EntityManager, orderId: string): Promise<boolean> {
    const [authorisation] = await manager.query(
      `SELECT amount::float8 AS amount, currency FROM payments WHERE order_id = $1 AND operation = 'AUTHORISE' AND status IN ('SUCCEEDED', 'PENDING', 'FAILED')`,
      [orderId],
    );
    if (!authorisation) return false;
    await this.request(manager, 'VOID', `payment:void:${orderId}`, {
      orderId,
      amount: authorisation.amount,
      currency: authorisation.currency,
    });
    return true;
  }

  /** A refund, once per return (a unique index on return_id): false when this return was refunded already. */
  async refund(
    manager: EntityManager,
    refund: {
      orderId: string;
      returnId: string;
      amount: number;
      currency: string;
      points: number;
      lines: PaymentRow['lines'];
    },
    cause?: EventMetadata,
  ): Promise<PaymentRow | undefined> {
    // An INSERT ... RETURNING answers the rows alone (an UPDATE answers [rows, count]).
    const [row]: PaymentRow[] = await manager.query(
      `INSERT INTO payments (id, order_id, operation, idempotency_key, amount, currency, gateway, status, return_id, points, lines)
       VALUES ($1, $2, 'REFUND', $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
      [
        randomUUID(),
        refund.orderId,
        `payment:refund:${refund.returnId}`,
        refund.amount,
        refund.currency,
        this.gateway.name,
        refund.amount > 0 ? 'REQUESTED' : 'SUCCEEDED',
        refund.returnId,
        refund.points,
        JSON.stringify(refund.lines),
      ],
    );
    if (!row) return undefined;
    if (refund.amount > 0)
      await this.externalCalls.request(manager, 'payment.refund', row.idempotencyKey, { paymentId: row.id, cause });
    return row;
  }

  /** The order's ledger, oldest first. */
  async ofOrder(orderId: string, manager: EntityManager = this.dataSource.manager): Promise<PaymentRow[]> {
    return manager.query(`SELECT ${COLUMNS} FROM payments WHERE order_id = $1 ORDER BY requested_at, id`, [orderId]);
  }

  async byReference(manager: EntityManager, reference: string): Promise<PaymentRow | undefined> {
    const [row] = await manager.query(
      `SELECT ${COLUMNS} FROM payments WHERE gateway = $1 AND gateway_reference = $2 FOR UPDATE`,
      [this.gateway.name, reference],
    );
    return row;
  }

  /** An asynchronous authorisation's outcome, reported by webhook: settles the PENDING row once. */
  async settleByWebhook(
    manager: EntityManager,
    payment: PaymentRow,
    outcome: 'AUTHORISED' | 'DECLINED',
    reason?: string,
  ): Promise<PaymentRow | undefined> {
    const [[row]]: [PaymentRow[], number] = await manager.query(
      `UPDATE payments SET status = $2, detail = $3, settled_at = now() WHERE id = $1 AND status = 'PENDING' RETURNING ${COLUMNS}`,
      [payment.id, outcome === 'AUTHORISED' ? 'SUCCEEDED' : 'DECLINED', reason ?? null],
    );
    return row;
  }

  /** Records what the gateway answered for a row (PENDING leaves it unsettled: a webhook settles it). */
  async settle(
    manager: EntityManager,
    paymentId: string,
    status: PaymentStatus,
    reference: string | null,
    detail: string | null,
  ): Promise<PaymentRow> {
    const [[row]]: [PaymentRow[], number] = await manager.query(
      `UPDATE payments SET status = $2, gateway_reference = coalesce($3, gateway_reference), detail = $4, settled_at = CASE WHEN $2 = 'PENDING' THEN NULL ELSE now() END
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [paymentId, status, reference, detail],
    );
    return row;
  }

  async byId(id: string): Promise<PaymentRow> {
    const [row] = await this.dataSource.query(`SELECT ${COLUMNS} FROM payments WHERE id = $1`, [id]);
    return row;
  }

  /** The gateway's reference of the order's authorisation: captures, voids and refunds name it. */
  async authorisationReference(orderId: string): Promise<string | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT gateway_reference FROM payments WHERE order_id = $1 AND operation = 'AUTHORISE'`,
      [orderId],
    );
    return row?.gateway_reference ?? undefined;
  }

  private async request(
    manager: EntityManager,
    operation: PaymentOperation,
    key: string,
    movement: { orderId: string; amount: number; currency: string },
    cause?: EventMetadata,
  ): Promise<void> {
    const id = randomUUID();
    const inserted: unknown[] = await manager.query(
      `INSERT INTO payments (id, order_id, operation, idempotency_key, amount, currency, gateway, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'REQUESTED') ON CONFLICT (idempotency_key) DO NOTHING RETURNING id`,
      [id, movement.orderId, operation, key, movement.amount, movement.currency, this.gateway.name],
    );
    if (inserted.length === 0) return; // asked before: once per operation
    await this.externalCalls.request(manager, `payment.${operation.toLowerCase()}`, key, { paymentId: id, cause });
  }

  private async succeededAuthorisation(
    manager: EntityManager,
    orderId: string,
  ): Promise<{ amount: number } | undefined> {
    const [row] = await manager.query(
      `SELECT amount::float8 AS amount FROM payments WHERE order_id = $1 AND operation = 'AUTHORISE' AND status = 'SUCCEEDED'`,
      [orderId],
    );
    return row;
  }
}
