import { Inject, Injectable } from '@nestjs/common';
import { PointsExpired } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { SERVICE_CONFIG } from '@emporium/platform';
import { DataSource } from 'typeorm';
import { MembershipConfig } from '../config';
import { addMonths } from '../tiers/tier-rules';
import { Ledger } from './ledger';
import { expiringPoints } from './points-rules';

/** When a new lot of points expires, and the job that expires the unspent rest of lots whose time has come. */
@Injectable()
export class PointsExpiry {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: Ledger,
    private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) private readonly config: MembershipConfig,
  ) {}

  /** Every lot granted or earned at `from` expires this many months later (POINTS_EXPIRY_MONTHS). */
  lotExpiry(from: Date): Date {
    return addMonths(from, this.config.POINTS_EXPIRY_MONTHS);
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
}
