import { Inject, Injectable } from '@nestjs/common';
import { MemberTierChanged } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { SERVICE_CONFIG } from '@emporium/platform';
import { DataSource, EntityManager } from 'typeorm';
import { MembershipConfig } from '../config';
import { Ledger, LockedMember } from '../points/ledger';
import { addMonths, nextTier, qualifyingTier, TIER_BENEFITS } from './tier-rules';

@Injectable()
export class TiersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: Ledger,
    private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) private readonly config: MembershipConfig,
  ) {}

  table() {
    return {
      thresholds: this.config.tierThresholds,
      benefits: (['ORDINARY', 'SILVER', 'GOLD', 'DIAMOND'] as const).map((tier) => ({ tier, ...TIER_BENEFITS[tier] })),
    };
  }

  /** The member's last 12 months: spend (less refunds) and completed orders not fully refunded. */
  async window(manager: EntityManager, memberId: string, now: Date): Promise<{ spend: number; orders: number }> {
    const [row] = await manager.query(
      `SELECT coalesce(sum(spend - least(refunded, spend)), 0)::bigint AS spend, count(*) FILTER (WHERE NOT fully_refunded)::int AS orders
         FROM member_orders WHERE member_id = $1 AND completed_at > $2`,
      [memberId, addMonths(now, -12)],
    );
    return { spend: Number(row.spend), orders: row.orders };
  }

  /**
   * Applies the tier rules to a locked member: an upgrade at once, anything else only at the period end.
   * Reaching a tier, or keeping one at a period end, starts a new period.
   */
  async recompute(manager: EntityManager, member: LockedMember, now: Date, atPeriodEnd: boolean): Promise<void> {
    const { spend, orders } = await this.window(manager, member.id, now);
    const tier = nextTier(member.tier, qualifyingTier(this.config.tierThresholds, spend, orders), atPeriodEnd);
    if (tier === member.tier && !atPeriodEnd) return;
    const reviewAt = addMonths(now, this.config.TIER_PERIOD_MONTHS);
    await manager.query(`UPDATE members SET tier = $2, tier_review_at = $3, updated_at = now() WHERE id = $1`, [
      member.id,
      tier,
      reviewAt,
    ]);
    const previousTier = member.tier;
    member.tier = tier;
    member.tierReviewAt = reviewAt;
    if (tier !== previousTier) {
      await this.outbox.publish(manager, MemberTierChanged, {
        memberId: member.id,
        previousTier,
        tier,
        benefits: TIER_BENEFITS[tier],
        ...(member.region ? { region: member.region } : {}),
        changedAt: now.toISOString(),
      });
    }
  }

  /**
   * Period ends (a job; every replica may run it): members whose tier period is over get the tier their
   * last 12 months qualify for, lower or not. The row lock and the re-check make a second runner a no-op.
   */
  async reviewDue(now = new Date(), limit = 500): Promise<number> {
    const due: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM members WHERE tier_review_at <= $1 AND erased_at IS NULL AND tier <> 'ORDINARY' ORDER BY tier_review_at LIMIT $2`,
      [now, limit],
    );
    let reviewed = 0;
    for (const { id } of due) {
      await this.dataSource.transaction(async (manager) => {
        const member = await this.ledger.lock(manager, id);
        if (!member || member.erased || member.tierReviewAt.getTime() > now.getTime()) return;
        await this.recompute(manager, member, now, true);
        reviewed++;
      });
    }
    return reviewed;
  }
}
