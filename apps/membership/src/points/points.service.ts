import { Inject, Injectable } from '@nestjs/common';
import {
  DomainEvent,
  OrderCancelledV2,
  OrderCompletedV1,
  OrderConfirmedV1,
  OrderPlacedV1,
  OrderRefundedV1,
  PointsEarned,
  PointsExpired,
  PointsHeld,
  PointsHoldFailed,
  PointsHoldFailure,
  PointsRedeemed,
  PointsReleased,
  PointsReversed,
} from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { SERVICE_CONFIG } from '@emporium/platform';
import { DataSource, EntityManager } from 'typeorm';
import { MembershipConfig } from '../config';
import { TIER_BENEFITS, addMonths } from '../tiers/tier-rules';
import { TiersService } from '../tiers/tiers.service';
import { Ledger, LockedMember } from './ledger';
import { earnedPoints, expiringPoints, pointsToReverse, splitReversal } from './points-rules';

export type HoldOutcome =
  | { held: true; points: number; availableAfter: number }
  | { held: false; reason: PointsHoldFailure | 'ALREADY_ANSWERED'; available: number };

/** The points half of the order journey: hold, redeem, release, earn, reverse, expire. */
@Injectable()
export class PointsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: Ledger,
    private readonly tiers: TiersService,
    private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) private readonly config: MembershipConfig,
  ) {}

  async onOrderPlaced({ data }: DomainEvent<OrderPlacedV1>, manager: EntityManager): Promise<void> {
    if (!data.pointsToRedeem) return;
    await this.hold(manager, data.customerId, data.orderId, data.pointsToRedeem, new Date());
  }

  /**
   * Holds points for an order, or says why not, exactly once per order. The member's row lock makes
   * concurrent holds of one member take turns, so each sees the balance the previous one left.
   */
  async hold(
    manager: EntityManager,
    memberId: string,
    orderId: string,
    points: number,
    now: Date,
  ): Promise<HoldOutcome> {
    const member = await this.ledger.lock(manager, memberId);
    // Locked after the member, so a hold and the cancellation of the same order cannot interleave.
    const [existing] = await manager.query(`SELECT status FROM point_holds WHERE order_id = $1 FOR UPDATE`, [orderId]);
    if (existing) return { held: false, reason: 'ALREADY_ANSWERED', available: member?.balance ?? 0 };
    const refusal: PointsHoldFailure | undefined = !member
      ? 'UNKNOWN_MEMBER'
      : member.erased
        ? 'MEMBER_ERASED'
        : member.balance < points
          ? 'INSUFFICIENT_POINTS'
          : undefined;
    if (refusal || !member) {
      const available = member?.balance ?? 0;
      await manager.query(
        `INSERT INTO point_holds (order_id, member_id, points, status) VALUES ($1, $2, $3, 'FAILED')`,
        [orderId, memberId, points],
      );
      await this.outbox.publish(manager, PointsHoldFailed, {
        memberId,
        orderId,
        requestedPoints: points,
        availablePoints: available,
        reason: refusal ?? 'UNKNOWN_MEMBER',
        failedAt: now.toISOString(),
      });
      return { held: false, reason: refusal ?? 'UNKNOWN_MEMBER', available };
    }
    await this.ledger.append(manager, member, {
      kind: 'HOLD',
      points: -points,
      amount: points,
      reference: `hold:${orderId}`,
      orderId,
    });
    await manager.query(`INSERT INTO point_holds (order_id, member_id, points, status) VALUES ($1, $2, $3, 'HELD')`, [
      orderId,
      memberId,
      points,
    ]);
    await this.outbox.publish(manager, PointsHeld, {
      memberId,
      orderId,
      points,
      availableAfter: member.balance,
      heldAt: now.toISOString(),
    });
    return { held: true, points, availableAfter: member.balance };
  }

  async onOrderConfirmed({ data }: DomainEvent<OrderConfirmedV1>, manager: EntityManager): Promise<void> {
    const [hold] = await manager.query(`SELECT member_id, points, status FROM point_holds WHERE order_id = $1`, [
      data.orderId,
    ]);
    if (!hold || hold.status !== 'HELD') return;
    const member = await this.ledger.lock(manager, hold.member_id);
    const [locked] = await manager.query(`SELECT status FROM point_holds WHERE order_id = $1 FOR UPDATE`, [
      data.orderId,
    ]);
    if (!member || locked.status !== 'HELD') return;
    await this.ledger.append(manager, member, {
      kind: 'REDEEM',
      points: 0,
      amount: hold.points,
      reference: `redeem:${data.orderId}`,
      orderId: data.orderId,
    });
    await manager.query(`UPDATE point_holds SET status = 'REDEEMED', updated_at = now() WHERE order_id = $1`, [
      data.orderId,
    ]);
    await this.outbox.publish(manager, PointsRedeemed, {
      memberId: member.id,
      orderId: data.orderId,
      points: hold.points,
      redeemedAt: new Date().toISOString(),
    });
  }

  /**
   * A cancelled order gives its points back: a hold is released; points already redeemed (cancelled after
   * confirmation) are credited back as a new lot. With no hold yet, a tombstone refuses a late placed.
   */
  async onOrderCancelled({ data }: DomainEvent<OrderCancelledV2>, manager: EntityManager): Promise<void> {
    const member = await this.ledger.lock(manager, data.customerId);
    const [hold] = await manager.query(
      `SELECT member_id, points, status FROM point_holds WHERE order_id = $1 FOR UPDATE`,
      [data.orderId],
    );
    if (!hold) {
      await manager.query(
        `INSERT INTO point_holds (order_id, member_id, points, status) VALUES ($1, $2, 0, 'CANCELLED')`,
        [data.orderId, data.customerId],
      );
      return;
    }
    if (!member || (hold.status !== 'HELD' && hold.status !== 'REDEEMED')) return;
    const now = new Date();
    const creditedBack = hold.status === 'REDEEMED';
    if (creditedBack) {
      await this.ledger.append(manager, member, {
        kind: 'GRANT',
        points: hold.points,
        amount: hold.points,
        reason: 'ORDER_CANCELLED',
        reference: `cancel-credit:${data.orderId}`,
        orderId: data.orderId,
        expiresAt: this.lotExpiry(now),
      });
    } else {
      await this.ledger.append(manager, member, {
        kind: 'RELEASE',
        points: hold.points,
        amount: hold.points,
        reference: `release:${data.orderId}`,
        orderId: data.orderId,
      });
    }
    await manager.query(`UPDATE point_holds SET status = $2, updated_at = now() WHERE order_id = $1`, [
      data.orderId,
      creditedBack ? 'CREDITED' : 'RELEASED',
    ]);
    await this.outbox.publish(manager, PointsReleased, {
      memberId: member.id,
      orderId: data.orderId,
      points: hold.points,
      creditedBack,
      balanceAfter: member.balance,
      releasedAt: now.toISOString(),
    });
  }

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
    const expiresAt = this.lotExpiry(now);
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
        expiresAt: this.lotExpiry(now),
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

  /**
   * Expiry (a job; every replica may run it): members with a lot whose expiry passed since their last
   * run lose the unspent rest of their expired lots, oldest first. Under the member's lock the rule is
   * computed from the ledger itself, so a second runner finds nothing left to expire.
   */
  async expireDue(now = new Date(), limit = 500): Promise<number> {
    const due: { member_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT l.member_id FROM points_ledger l JOIN members m ON m.id = l.member_id
        WHERE l.expires_at <= $1 AND l.expires_at > m.lots_expired_through LIMIT $2`,
      [now, limit],
    );
    let expired = 0;
    for (const { member_id } of due) {
      expired += await this.dataSource.transaction(async (manager) => {
        const member = await this.ledger.lock(manager, member_id);
        if (!member) return 0;
        const lots: { id: string; points: number; created_at: Date; expires_at: Date }[] = await manager.query(
          `SELECT id::text, points, created_at, expires_at FROM points_ledger WHERE member_id = $1 AND expires_at IS NOT NULL`,
          [member.id],
        );
        const expiring = expiringPoints(
          lots.map((lot) => ({
            id: lot.id.padStart(20, '0'),
            points: lot.points,
            earnedAt: lot.created_at,
            expiresAt: lot.expires_at,
          })),
          member.balance,
          now,
        );
        const points = expiring.reduce((sum, lot) => sum + lot.points, 0);
        await manager.query(`UPDATE members SET lots_expired_through = $2 WHERE id = $1`, [member.id, now]);
        if (points === 0) return 0;
        await this.ledger.append(manager, member, {
          kind: 'EXPIRE',
          points: -points,
          amount: points,
          reference: `expire:${member.id}:${now.toISOString()}`,
        });
        await this.outbox.publish(manager, PointsExpired, {
          memberId: member.id,
          points,
          balanceAfter: member.balance,
          expiredAt: now.toISOString(),
        });
        return points;
      });
    }
    return expired;
  }

  lotExpiry(from: Date): Date {
    return addMonths(from, this.config.POINTS_EXPIRY_MONTHS);
  }

  async balanceOf(memberId: string): Promise<{ balance: number; held: number; ledgerSum: number } | undefined> {
    const [row] = await this.dataSource.query(
      `SELECT m.points_balance AS balance,
              (SELECT coalesce(sum(points), 0) FROM point_holds WHERE member_id = m.id AND status = 'HELD')::int AS held,
              (SELECT coalesce(sum(points), 0) FROM points_ledger WHERE member_id = m.id)::int AS ledger_sum
         FROM members m WHERE m.id = $1`,
      [memberId],
    );
    return row ? { balance: row.balance, held: row.held, ledgerSum: row.ledger_sum } : undefined;
  }
}

export type { LockedMember };
