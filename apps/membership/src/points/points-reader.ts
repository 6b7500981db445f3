import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor } from '@emporium/platform';
import { DataSource, EntityManager } from 'typeorm';
import { MemberNotFoundError } from '../members/member.errors';
import { TIER_BENEFITS } from '../tiers/tier-rules';
import { LedgerEntryResponse, LedgerPageResponse, PointsBalanceResponse } from './dto/points.response';

const ENTRY_COLUMNS = `id, entry_id, kind, points, amount, balance_after, reason, order_id, expires_at, created_at`;

/** Reads of balances and the ledger (no locks: a read sees one committed state, which always adds up). */
@Injectable()
export class PointsReader {
  constructor(private readonly dataSource: DataSource) {}

  async balance(memberId: string, manager: EntityManager = this.dataSource.manager): Promise<PointsBalanceResponse> {
    const [row] = await manager.query(
      `SELECT m.points_balance, m.tier,
              (SELECT coalesce(sum(points), 0) FROM point_holds WHERE member_id = m.id AND status = 'HELD')::int AS held
         FROM members m WHERE m.id = $1`,
      [memberId],
    );
    if (!row) throw new MemberNotFoundError(memberId);
    return {
      memberId,
      balance: row.points_balance,
      held: row.held,
      tier: row.tier,
      multiplierPercent: TIER_BENEFITS[row.tier as keyof typeof TIER_BENEFITS].pointsMultiplierPercent,
    };
  }

  /** Newest first, keyset-paged on the entry's sequence number. */
  async history(memberId: string, cursor: string | undefined, limit = 20): Promise<LedgerPageResponse> {
    // The cursor first: a forged one is a 400 naming it, whoever asks.
    const before = cursor ? Number(decodeCursor(cursor, 1)[0]) : null;
    await this.balance(memberId);
    const rows = await this.dataSource.query(
      `SELECT ${ENTRY_COLUMNS} FROM points_ledger WHERE member_id = $1 AND ($2::bigint IS NULL OR id < $2) ORDER BY id DESC LIMIT $3`,
      [memberId, Number.isSafeInteger(before) ? before : null, limit + 1],
    );
    const page = rows.slice(0, limit);
    return {
      items: page.map(toEntry),
      nextCursor: rows.length > limit ? encodeCursor([page[page.length - 1].id]) : null,
    };
  }

  async allEntries(memberId: string, manager: EntityManager): Promise<LedgerEntryResponse[]> {
    const rows = await manager.query(`SELECT ${ENTRY_COLUMNS} FROM points_ledger WHERE member_id = $1 ORDER BY id`, [
      memberId,
    ]);
    return rows.map(toEntry);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a points_ledger row from pg
function toEntry(row: any): LedgerEntryResponse {
  return {
    entryId: row.entry_id,
    kind: row.kind,
    points: row.points,
    amount: row.amount,
    balanceAfter: row.balance_after,
    reason: row.reason,
    orderId: row.order_id,
    expiresAt: row.expires_at ? row.expires_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
  };
}
