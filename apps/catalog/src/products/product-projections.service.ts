import { Injectable } from '@nestjs/common';
import { DomainEvent, MerchantStatus, OrderCompletedV1, ProductDelisted, ReviewPublishedV1 } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { EntityManager } from 'typeorm';
import { MerchantStanding } from './merchant-standing.entity';

/** The actor of automatic decisions (suspension delisting). */
const SYSTEM = 'system';

/**
 * Catalog's read models of other services' facts, fed by their events in the consumer's transaction:
 * merchant standing (and what a suspension does to listings), rating summaries, units sold.
 */
@Injectable()
export class ProductProjections {
  constructor(private readonly outbox: Outbox) {}

  /**
   * Keeps the local view of a merchant's standing. A suspension delists every listed product of the
   * merchant in this same transaction, one delisted event each; reinstatement relists nothing: the
   * merchant decides what goes back on sale.
   */
  async applyMerchantStatus(
    event: DomainEvent<{ merchantId: string; status: MerchantStatus; reason?: string }>,
    manager: EntityManager,
  ): Promise<void> {
    const { merchantId, status } = event.data;
    await manager.upsert(MerchantStanding, { merchantId, status }, ['merchantId']);
    if (status !== 'SUSPENDED') return;
    // One set-based UPDATE rather than an entity per product: a large merchant must go dark within
    // seconds. The WHERE clause is the LISTED → DELISTED guard the entity would apply.
    // TypeORM answers an UPDATE with [rows, affected count].
    const [delisted]: [{ id: string }[], number] = await manager.query(
      `UPDATE products SET status = 'DELISTED', updated_at = now()
       WHERE merchant_id = $1 AND status = 'LISTED' RETURNING id`,
      [merchantId],
    );
    const at = new Date().toISOString();
    for (const { id } of delisted) {
      await this.outbox.publish(
        manager,
        ProductDelisted,
        {
          productId: id,
          merchantId,
          status: 'DELISTED',
          cause: 'MERCHANT_SUSPENDED',
          reason: event.data.reason,
          actor: SYSTEM,
          delistedAt: at,
        },
        { causedBy: event.metadata },
      );
    }
  }

  /** Rating summary read model; a review counts once whatever the delivery. */
  async applyReview(review: ReviewPublishedV1, manager: EntityManager): Promise<void> {
    if (!(await this.firstTime(manager, 'REVIEW', review.reviewId))) return;
    await manager.query(
      `UPDATE products SET rating_count = rating_count + 1, rating_sum = rating_sum + $2,
              rating_average = (rating_sum + $2)::real / (rating_count + 1)
       WHERE id = $1`,
      [review.productId, review.rating],
    );
  }

  /** Sales read model (best-selling sort): units per product from completed orders. */
  async applySale(order: OrderCompletedV1, manager: EntityManager): Promise<void> {
    if (!(await this.firstTime(manager, 'COMPLETED_ORDER', order.orderId))) return;
    for (const line of order.lines) {
      await manager.query(
        `UPDATE products SET units_sold = units_sold + $2 WHERE id = (SELECT product_id FROM skus WHERE sku = $1)`,
        [line.sku, line.quantity],
      );
    }
  }

  /** A fact (a review, a completed order) counts once even when it arrives under two event ids. */
  private async firstTime(manager: EntityManager, kind: string, sourceId: string): Promise<boolean> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO applied_facts (kind, source_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING kind`,
      [kind, sourceId],
    );
    return inserted.length > 0;
  }
}
