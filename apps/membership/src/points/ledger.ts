import { Injectable } from '@nestjs/common';
import { MemberTier } from '@emporium/contracts';
import { EntityManager } from 'typeorm';

export type LedgerKind = 'EARN' | 'HOLD' | 'REDEEM' | 'RELEASE' | 'REVERSE' | 'EXPIRE' | 'GRANT';

/** A member row as the ledger sees it, read under its lock. */
export interface LockedMember {
  id: string;
  tier: MemberTier;
  region: string | null;
  balance: number;
  erased: boolean;
  tierReviewAt: Date;
  lotsExpiredThrough: Date;
}

export interface NewEntry {
  kind: LedgerKind;
  /** Signed change of the balance. */
  points: number;
  /** The entry's size (a REDEEM changes nothing: its HOLD already took the points). */
  amount: number;
  /** Makes the fact happen once: `hold:<orderId>`, `reverse:<refundId>`, `birthday:<memberId>:<year>`... */
  reference: string;
  reason?: string;
  orderId?: string;
  /** Lots (EARN, GRANT) only. */
  expiresAt?: Date;
}

/**
 * The only writer of the points ledger. Every entry of a member is written while holding that member's
 * row lock (`lock`), and the balance column moves with it in the same transaction: so the balance is
 * always the ledger's sum, a check against it (a hold, a reversal) cannot race another, and the CHECK
 * (points_balance >= 0) is the last line of defence. See the README ("Locking").
 */
@Injectable()
export class Ledger {
  /** Locks the member's row for the rest of the transaction; undefined when there is no such member. */
  async lock(manager: EntityManager, memberId: string): Promise<LockedMember | undefined> {
    const [row] = await manager.query(
      `SELECT id, tier, region, points_balance, erased_at, tier_review_at, lots_expired_through FROM members WHERE id = $1 FOR UPDATE`,
      [memberId],
    );
    if (!row) return undefined;
    return {
      id: row.id,
      tier: row.tier,
      region: row.region,
      balance: row.points_balance,
      erased: row.erased_at !== null,
      tierReviewAt: row.tier_review_at,
      lotsExpiredThrough: row.lots_expired_through,
    };
  }

  /**
   * Appends an entry for a locked member and moves its balance. Returns false (and changes nothing) when
   * an entry with the same reference exists: the fact already happened.
   */
  async append(manager: EntityManager, member: LockedMember, entry: NewEntry): Promise<boolean> {
    const balanceAfter = member.balance + entry.points;
    if (balanceAfter < 0) throw new Error(`ledger entry ${entry.reference} would take member ${member.id} below zero`);
    const inserted = await manager.query(
      `INSERT INTO points_ledger (member_id, kind, points, amount, balance_after, reason, order_id, reference, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (reference) DO NOTHING
       RETURNING id`,
      [
        member.id,
        entry.kind,
        entry.points,
        entry.amount,
        balanceAfter,
        entry.reason ?? null,
        entry.orderId ?? null,
        entry.reference,
        entry.expiresAt ?? null,
      ],
    );
    if (inserted.length === 0) return false;
    if (entry.points !== 0) {
      await manager.query(`UPDATE members SET points_balance = $2 WHERE id = $1`, [member.id, balanceAfter]);
      member.balance = balanceAfter;
    }
    return true;
  }
}
