import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  CouponRedemptionFailed,
  CouponRedemptionFailure,
  CouponsRedeemed,
  CouponsRestored,
  CouponRestoreReason,
  DomainEvent,
  OrderCancelledV2,
  OrderPlacedV1,
  OrderRefundedV1,
  PromotionStopped,
} from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { SERVICE_CONFIG } from '@emporium/platform';
import { EntityManager } from 'typeorm';
import type { MarketingConfig } from '../config';
import { QuoteClaims, verifyQuote } from '../quotes/quote-token';
import { CouponRow, couponRefusal } from './coupon-view';

/** A redemption said no; everything it had counted is rolled back to the savepoint. */
class Refusal extends Error {
  constructor(
    readonly reason: CouponRedemptionFailure,
    readonly couponCode?: string,
    readonly campaignId?: string,
  ) {
    super(reason);
  }
}

export interface RedemptionOutcome {
  status: 'REDEEMED' | 'FAILED' | 'SKIPPED';
  reason?: CouponRedemptionFailure;
}

/**
 * Redemption answers `orders.order.placed`: every cap is a conditional UPDATE (the rule is its WHERE
 * clause), so concurrent orders serialise on the counted row and exactly the capped number gets through.
 * All of an order's effects (coupon counts, flash-sale units, campaign spend) happen under one savepoint:
 * one refusal undoes the lot, and the answer is written with the inbox entry in the consumer's transaction.
 *
 * Why one class of ~280 lines: it has one job, what an order takes from the capped counters and giving
 * exactly that back (`restore`, on cancellation or full refund). Each counter's take and its undo sit side
 * by side so they cannot drift apart; the customer order history it used to keep is in read-models.
 */
@Injectable()
export class RedemptionService {
  private readonly logger = new Logger(RedemptionService.name);

  constructor(
    private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) private readonly config: MarketingConfig,
  ) {}

  async onOrderPlaced({ data }: DomainEvent<OrderPlacedV1>, manager: EntityManager): Promise<RedemptionOutcome> {
    const codes = [...new Set((data.couponCodes ?? []).map((code) => code.toUpperCase()))].sort();
    if (!data.quoteId && codes.length === 0) return { status: 'SKIPPED' };
    const [answered] = await manager.query(`SELECT status FROM order_redemptions WHERE order_id = $1`, [data.orderId]);
    if (answered) return { status: 'SKIPPED' };

    const verdict = data.quoteId
      ? verifyQuote(this.config.QUOTE_SIGNING_SECRET, data.quoteId, new Date(data.placedAt))
      : ({ ok: false, reason: 'QUOTE_INVALID' } as const);
    if (!verdict.ok) return this.fail(manager, data, codes, new Refusal(verdict.reason, codes[0]));
    const claims = verdict.claims;
    // The quote must be this customer's, for these codes, in this currency: a quote is not transferable.
    const sameCodes =
      claims.codes.length === codes.length && [...claims.codes].sort().every((code, i) => code === codes[i]);
    if ((claims.u !== null && claims.u !== data.customerId) || !sameCodes || claims.cur !== data.currency) {
      return this.fail(manager, data, codes, new Refusal('QUOTE_INVALID', codes[0]));
    }
    // Nothing to count (no codes, no promotion with a cap or budget): nobody waits for an answer.
    if (codes.length === 0 && claims.p.length === 0) return { status: 'SKIPPED' };

    await manager.query(`SAVEPOINT redemption`);
    try {
      await this.redeem(manager, data, codes, claims);
      await manager.query(`RELEASE SAVEPOINT redemption`);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      await manager.query(`ROLLBACK TO SAVEPOINT redemption`);
      if (error.reason === 'BUDGET_SPENT' && error.campaignId) await this.stopCampaign(manager, error.campaignId);
      return this.fail(manager, data, codes, error);
    }
    const discount = claims.p.reduce((sum, promotion) => sum + promotion.d, 0);
    if (codes.length > 0) {
      await this.outbox.publish(manager, CouponsRedeemed, {
        orderId: data.orderId,
        customerId: data.customerId,
        couponCodes: codes,
        discount: claims.p.filter((promotion) => promotion.c).reduce((sum, promotion) => sum + promotion.d, 0),
        currency: data.currency,
        redeemedAt: new Date().toISOString(),
      });
    }
    this.logger.debug({ msg: 'redeemed', orderId: data.orderId, codes, discount });
    return { status: 'REDEEMED' };
  }

  private async redeem(
    manager: EntityManager,
    order: OrderPlacedV1,
    codes: string[],
    claims: QuoteClaims,
  ): Promise<void> {
    const at = new Date(order.placedAt);
    for (const code of codes) {
      const [coupon]: CouponRow[] = await manager.query(`SELECT * FROM coupons WHERE code = $1`, [code]);
      if (!coupon) throw new Refusal('UNKNOWN_CODE', code);
      const refusal = couponRefusal(coupon, order.customerId, at);
      if (refusal) throw new Refusal(refusal, code);
      // Total cap: the row lock makes concurrent redemptions queue here, and the WHERE is re-checked on the
      // row as the previous one left it, so the cap can never be passed.
      const [counted] = await manager.query(
        `UPDATE coupons SET redeemed = redeemed + 1 WHERE code = $1 AND (total_cap IS NULL OR redeemed < total_cap) RETURNING code`,
        [code],
      );
      if (counted.length === 0) throw new Refusal('TOTAL_CAP_REACHED', code);
      const perCustomer: unknown[] = await manager.query(
        `INSERT INTO coupon_customers (code, customer_id, redeemed) VALUES ($1, $2, 1)
         ON CONFLICT (code, customer_id) DO UPDATE SET redeemed = coupon_customers.redeemed + 1
          WHERE $3::int IS NULL OR coupon_customers.redeemed < $3::int
         RETURNING redeemed`,
        [code, order.customerId, coupon.per_customer_cap],
      );
      if (perCustomer.length === 0) throw new Refusal('CUSTOMER_CAP_REACHED', code);
    }
    await manager.query(
      `INSERT INTO order_redemptions (order_id, customer_id, status, coupon_codes, discount, currency) VALUES ($1, $2, 'REDEEMED', $3, $4, $5)`,
      [
        order.orderId,
        order.customerId,
        codes,
        claims.p.reduce((sum, promotion) => sum + promotion.d, 0),
        order.currency,
      ],
    );
    for (const quoted of [...claims.p].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      const [promotion] = await manager.query(`SELECT campaign_id, rule FROM promotions WHERE id = $1`, [quoted.id]);
      if (!promotion) throw new Refusal('NOT_ELIGIBLE', quoted.c);
      if (quoted.f > 0) await this.takeFlashUnits(manager, quoted, promotion.rule, order.customerId);
      if (promotion.campaign_id && quoted.d > 0) {
        const [spent] = await manager.query(
          `UPDATE campaigns SET spent = spent + $2 WHERE id = $1 AND status = 'ACTIVE' AND (budget IS NULL OR spent + $2 <= budget) RETURNING spent, budget`,
          [promotion.campaign_id, quoted.d],
        );
        if (spent.length === 0) throw new Refusal('BUDGET_SPENT', quoted.c, promotion.campaign_id);
        if (spent[0].budget !== null && spent[0].spent === spent[0].budget)
          await this.stopCampaign(manager, promotion.campaign_id);
      }
      await manager.query(
        `INSERT INTO order_promotions (order_id, promotion_id, campaign_id, coupon_code, discount, flash_units) VALUES ($1, $2, $3, $4, $5, $6)`,
        [order.orderId, quoted.id, promotion.campaign_id, quoted.c ?? null, quoted.d, quoted.f],
      );
    }
  }

  /** Flash-sale caps, total then per customer, each a conditional UPDATE like the coupon caps. */
  private async takeFlashUnits(
    manager: EntityManager,
    quoted: QuoteClaims['p'][number],
    rule: { totalCap: number; perCustomerCap: number },
    customerId: string,
  ): Promise<void> {
    const [total] = await manager.query(
      `UPDATE promotions SET flash_sold = flash_sold + $2 WHERE id = $1 AND flash_sold + $2 <= $3 RETURNING id`,
      [quoted.id, quoted.f, rule.totalCap],
    );
    if (total.length === 0) throw new Refusal('TOTAL_CAP_REACHED', quoted.c);
    const bought: unknown[] = await manager.query(
      `INSERT INTO flash_sale_buyers (promotion_id, customer_id, units) SELECT $1::uuid, $2::uuid, $3::int WHERE $3::int <= $4::int
       ON CONFLICT (promotion_id, customer_id) DO UPDATE SET units = flash_sale_buyers.units + $3::int WHERE flash_sale_buyers.units + $3::int <= $4::int
       RETURNING units`,
      [quoted.id, customerId, quoted.f, rule.perCustomerCap],
    );
    if (bought.length === 0) throw new Refusal('CUSTOMER_CAP_REACHED', quoted.c);
  }

  private async stopCampaign(manager: EntityManager, campaignId: string): Promise<void> {
    const [stopped] = await manager.query(
      `UPDATE campaigns SET status = 'BUDGET_SPENT' WHERE id = $1 AND status = 'ACTIVE' RETURNING spent`,
      [campaignId],
    );
    if (stopped.length === 0) return;
    const promotions: { id: string }[] = await manager.query(
      `SELECT id FROM promotions WHERE campaign_id = $1 AND status = 'ACTIVE' ORDER BY id`,
      [campaignId],
    );
    for (const { id } of promotions) {
      await this.outbox.publish(manager, PromotionStopped, {
        promotionId: id,
        campaignId,
        reason: 'BUDGET_SPENT',
        spent: stopped[0].spent,
        stoppedAt: new Date().toISOString(),
      });
    }
  }

  private async fail(
    manager: EntityManager,
    order: OrderPlacedV1,
    codes: string[],
    refusal: Refusal,
  ): Promise<RedemptionOutcome> {
    await manager.query(
      `INSERT INTO order_redemptions (order_id, customer_id, status, failure, coupon_codes, currency) VALUES ($1, $2, 'FAILED', $3, $4, $5)`,
      [order.orderId, order.customerId, refusal.reason, codes, order.currency],
    );
    await this.outbox.publish(manager, CouponRedemptionFailed, {
      orderId: order.orderId,
      customerId: order.customerId,
      couponCode: refusal.couponCode,
      reason: refusal.reason,
      failedAt: new Date().toISOString(),
    });
    return { status: 'FAILED', reason: refusal.reason };
  }

  /** Gives back exactly what the order took (codes, flash units, budget), once: the row's status guards it. */
  async restore(manager: EntityManager, orderId: string, reason: CouponRestoreReason): Promise<boolean> {
    const [restored] = await manager.query(
      `UPDATE order_redemptions SET status = 'RESTORED', restored_at = now() WHERE order_id = $1 AND status = 'REDEEMED' RETURNING customer_id, coupon_codes, discount`,
      [orderId],
    );
    if (restored.length === 0) return false;
    const {
      customer_id: customerId,
      coupon_codes: codes,
      discount,
    } = restored[0] as { customer_id: string; coupon_codes: string[]; discount: number };
    for (const code of codes) {
      await manager.query(`UPDATE coupons SET redeemed = redeemed - 1 WHERE code = $1`, [code]);
      await manager.query(`UPDATE coupon_customers SET redeemed = redeemed - 1 WHERE code = $1 AND customer_id = $2`, [
        code,
        customerId,
      ]);
    }
    const taken: { promotion_id: string; campaign_id: string | null; discount: number; flash_units: number }[] =
      await manager.query(
        `SELECT promotion_id, campaign_id, discount, flash_units FROM order_promotions WHERE order_id = $1 ORDER BY promotion_id`,
        [orderId],
      );
    for (const row of taken) {
      if (row.flash_units > 0) {
        await manager.query(`UPDATE promotions SET flash_sold = flash_sold - $2 WHERE id = $1`, [
          row.promotion_id,
          row.flash_units,
        ]);
        await manager.query(
          `UPDATE flash_sale_buyers SET units = units - $3 WHERE promotion_id = $1 AND customer_id = $2`,
          [row.promotion_id, customerId, row.flash_units],
        );
      }
      // The money was not given away after all; a campaign stopped for its budget stays stopped (its stop was announced).
      if (row.campaign_id && row.discount > 0)
        await manager.query(`UPDATE campaigns SET spent = spent - $2 WHERE id = $1`, [row.campaign_id, row.discount]);
    }
    await this.outbox.publish(manager, CouponsRestored, {
      orderId,
      customerId,
      couponCodes: codes,
      discount,
      reason,
      restoredAt: new Date().toISOString(),
    });
    return true;
  }

  async onOrderCancelled({ data }: DomainEvent<OrderCancelledV2>, manager: EntityManager): Promise<void> {
    await this.restore(manager, data.orderId, 'ORDER_CANCELLED');
  }

  /** Only a full refund gives the coupon back: after a partial one the customer keeps the rest of the order. */
  async onOrderRefunded({ data }: DomainEvent<OrderRefundedV1>, manager: EntityManager): Promise<void> {
    if (!data.fullyRefunded) return;
    await this.restore(manager, data.orderId, 'ORDER_REFUNDED');
  }
}
