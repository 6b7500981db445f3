import { Injectable } from '@nestjs/common';
import {
  DomainEvent,
  OrderCancelledV2,
  OrderConfirmedV1,
  OrderPlacedV1,
  PointsHeld,
  PointsHoldFailed,
  PointsHoldFailure,
  PointsRedeemed,
  PointsReleased,
} from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { EntityManager } from 'typeorm';
import { Ledger } from './ledger';
import { PointsExpiry } from './points-expiry.service';

export type HoldOutcome =
  | { held: true; points: number; availableAfter: number }
  | { held: false; reason: PointsHoldFailure | 'ALREADY_ANSWERED'; available: number };

/**
 * Points paid with at checkout: held when the order is placed, redeemed when it is confirmed, released
 * (or credited back) when it is cancelled. One `point_holds` row per order answers each step once.
 */
@Injectable()
export class PointHolds {
  constructor(
    private readonly ledger: Ledger,
    private readonly outbox: Outbox,
    private readonly expiry: PointsExpiry,
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
        expiresAt: this.expiry.lotExpiry(now),
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
}
