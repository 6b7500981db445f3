import { Inject, Injectable } from '@nestjs/common';
import { DomainEvent, OrderCompletedV1, OrderRefundedV1, PointsEarned, PointsReversed } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { SERVICE_CONFIG } from '@emporium/platform';
import { EntityManager } from 'typeorm';
import { MembershipConfig } from '../config';
import { TIER_BENEFITS } from '../tiers/tier-rules';
import { TiersService } from '../tiers/tiers.service';
import { Ledger } from './ledger';
import { PointsExpiry } from './points-expiry.service';
import { earnedPoints, pointsToReverse, splitReversal } from './points-rules';

/** Points earned on a completed order, and taken back (with the points it paid with credited back) on a refund. */
@Injectable()
export class PointsEarning {
  constructor(
    private readonly ledger: Ledger,
    private readonly tiers: TiersService,
    private readonly outbox: Outbox,
    private readonly expiry: PointsExpiry,
    @Inject(SERVICE_CONFIG) private readonly config: MembershipConfig,
  ) {}

  /**
   * Earns on what the customer paid (the order total less the points it paid with, less anything already
   * refunded), at the tier the member holds now, then applies the tier rules: the order may upgrade it.
   */
  async onOrderCompleted({ data }: DomainEvent<OrderCompletedV1>, manager: EntityManager): Promise<void> {
    const member = await this.ledger.lock(manager, data.customerId);
    // Customers who never registered earn nothing; erased members neither.
    if (!member || member.erased) return;
    const [done] = await manager.query(`SELECT 1 FROM member_orders WHERE order_id = $1`, [data.orderId]);
    if (done) return;
    const [paid] = await manager.query(
      `SELECT coalesce((SELECT points FROM point_holds WHERE order_id = $1 AND status = 'REDEEMED'), 0) AS points_paid,
              coalesce((SELECT sum(amount) FROM order_refunds WHERE order_id = $1), 0)::bigint AS refunded,
              coalesce((SELECT bool_or(fully_refunded) FROM order_refunds WHERE order_id = $1), false) AS fully_refunded`,
      [data.orderId],
    );
    const refunded = Number(paid.refunded);
    const earnedOn = paid.fully_refunded ? 0 : Math.max(0, data.totalAmount - paid.points_paid - refunded);
    const multiplierPercent = TIER_BENEFITS[member.tier].pointsMultiplierPercent;
    const points = earnedPoints(earnedOn, this.config.POINTS_PER_CURRENCY_UNIT, multiplierPercent);
    const now = new Date(data.completedAt);
    const expiresAt = this.expiry.lotExpiry(now);
    if (points > 0) {
      await this.ledger.append(manager, member, {
        kind: 'EARN',
        points,
        amount: points,
        reference: `earn:${data.orderId}`,
        orderId: data.orderId,
        expiresAt,
      });
    }
    await manager.query(
      `INSERT INTO member_orders (order_id, member_id, spend, refunded, fully_refunded, earned_on, earned_points, multiplier_percent, completed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        data.orderId,
        member.id,
        data.totalAmount,
        refunded,
        paid.fully_refunded,
        earnedOn,
        points,
        multiplierPercent,
        now,
      ],
    );
    const tier = member.tier;
    await this.outbox.publish(manager, PointsEarned, {
      memberId: member.id,
      orderId: data.orderId,
      points,
      earnedOn,
      tier,
      multiplierPercent,
      balanceAfter: member.balance,
      expiresAt: expiresAt.toISOString(),
      earnedAt: now.toISOString(),
    });
    await this.tiers.recompute(manager, member, new Date(), false);
  }

  /**
   * Once per refund id (however often the event arrives): takes back the points earned on the refunded
   * amount (never below zero: what was already spent is reported as unrecovered) and credits back the
   * points the refund returned. A refund before completion is remembered, so the order earns less.
   */
  async onOrderRefunded({ data }: DomainEvent<OrderRefundedV1>, manager: EntityManager): Promise<void> {
    const member = await this.ledger.lock(manager, data.customerId);
    if (!member) return;
    // Points were earned on what the card paid (the total less the points it was paid with), so they are
    // taken back in proportion to what the card gets back (`amount`), not the lines' value, which also
    // counts the points the refund returns (`pointsRefunded`, credited back below).
    const refundedAmount = data.amount;
    const recorded = await manager.query(
      `INSERT INTO order_refunds (refund_id, order_id, member_id, amount, points_refunded, fully_refunded)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (refund_id) DO NOTHING RETURNING refund_id`,
      [data.refundId, data.orderId, member.id, refundedAmount, data.pointsRefunded, data.fullyRefunded],
    );
    if (recorded.length === 0) return;
    const now = new Date();
    let reversal = { taken: 0, unrecovered: 0 };
    const [order] = await manager.query(
      `SELECT earned_on, earned_points, reversed_points FROM member_orders WHERE order_id = $1 FOR UPDATE`,
      [data.orderId],
    );
    if (order) {
      const due = pointsToReverse(
        { points: order.earned_points, earnedOn: order.earned_on, reversed: order.reversed_points },
        refundedAmount,
        data.fullyRefunded,
      );
      reversal = splitReversal(due, member.balance);
      if (reversal.taken > 0) {
        await this.ledger.append(manager, member, {
          kind: 'REVERSE',
          points: -reversal.taken,
          amount: reversal.taken,
          reference: `reverse:${data.refundId}`,
          orderId: data.orderId,
        });
      }
      await manager.query(
        `UPDATE member_orders SET refunded = refunded + $2, fully_refunded = fully_refunded OR $3, reversed_points = reversed_points + $4 WHERE order_id = $1`,
        [data.orderId, refundedAmount, data.fullyRefunded, reversal.taken + reversal.unrecovered],
      );
    }
    if (data.pointsRefunded > 0) {
      await this.ledger.append(manager, member, {
        kind: 'GRANT',
        points: data.pointsRefunded,
        amount: data.pointsRefunded,
        reason: 'REFUND',
        reference: `refund-credit:${data.refundId}`,
        orderId: data.orderId,
        expiresAt: this.expiry.lotExpiry(now),
      });
    }
    if (!order && data.pointsRefunded === 0) return;
    await this.outbox.publish(manager, PointsReversed, {
      memberId: member.id,
      orderId: data.orderId,
      refundId: data.refundId,
      points: reversal.taken,
      unrecovered: reversal.unrecovered,
      pointsCredited: data.pointsRefunded,
      balanceAfter: member.balance,
      reversedAt: now.toISOString(),
    });
  }
}
