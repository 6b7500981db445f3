import { Inject, Injectable } from '@nestjs/common';
import { BirthdayRewardGranted, DomainEvent, PointsGranted, ReviewPublishedV1 } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { SERVICE_CONFIG } from '@emporium/platform';
import { DataSource, EntityManager } from 'typeorm';
import { MembershipConfig } from '../config';
import { Ledger } from '../points/ledger';
import { birthdayIn } from '../points/points-rules';
import { PointsExpiry } from '../points/points-expiry.service';
import { TIER_BENEFITS } from '../tiers/tier-rules';

/** Points that are not about an order: birthdays and feedback. */
@Injectable()
export class RewardsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ledger: Ledger,
    private readonly points: PointsExpiry,
    private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) private readonly config: MembershipConfig,
  ) {}

  /**
   * Grants today's birthday rewards (UTC), the tier's gift points, once per member and year. A restart,
   * a second replica or a second run the same day finds the (member, year) row and does nothing: the row
   * is inserted under the member's lock, in the transaction that writes the points and the event.
   */
  async grantBirthdays(today = new Date()): Promise<number> {
    const year = today.getUTCFullYear();
    const date = today.toISOString().slice(0, 10);
    const [, month, day] = date.split('-').map(Number);
    // 29 February birthdays are celebrated on 28 February in other years (birthdayIn).
    const keys = [month * 100 + day, ...(birthdayIn(year, '2000-02-29') === date && day === 28 ? [229] : [])];
    const candidates: { id: string; birthday: string }[] = await this.dataSource.query(
      `SELECT id, to_char(birthday, 'YYYY-MM-DD') AS birthday FROM members
        WHERE birthday IS NOT NULL AND erased_at IS NULL
          AND (EXTRACT(MONTH FROM birthday) * 100 + EXTRACT(DAY FROM birthday)) = ANY($1::numeric[])
          AND NOT EXISTS (SELECT 1 FROM birthday_rewards r WHERE r.member_id = members.id AND r.year = $2)`,
      [keys, year],
    );
    let granted = 0;
    for (const candidate of candidates) {
      if (birthdayIn(year, candidate.birthday) !== date) continue;
      const done = await this.dataSource.transaction(async (manager) => {
        const member = await this.ledger.lock(manager, candidate.id);
        if (!member || member.erased) return false;
        const points = TIER_BENEFITS[member.tier].birthdayGiftPoints;
        const inserted = await manager.query(
          `INSERT INTO birthday_rewards (member_id, year, points) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING year`,
          [member.id, year, points],
        );
        if (inserted.length === 0) return false;
        if (points > 0) {
          await this.ledger.append(manager, member, {
            kind: 'GRANT',
            points,
            amount: points,
            reason: 'BIRTHDAY',
            reference: `birthday:${member.id}:${year}`,
            expiresAt: this.points.lotExpiry(today),
          });
        }
        await this.outbox.publish(manager, BirthdayRewardGranted, {
          memberId: member.id,
          year,
          points,
          tier: member.tier,
          grantedAt: new Date().toISOString(),
        });
        return true;
      });
      if (done) granted++;
    }
    return granted;
  }

  /** A published review earns the member FEEDBACK_POINTS, once per review. */
  async onReviewPublished({ data }: DomainEvent<ReviewPublishedV1>, manager: EntityManager): Promise<void> {
    const points = this.config.FEEDBACK_POINTS;
    if (points <= 0) return;
    const member = await this.ledger.lock(manager, data.customerId);
    if (!member || member.erased) return;
    const now = new Date();
    const granted = await this.ledger.append(manager, member, {
      kind: 'GRANT',
      points,
      amount: points,
      reason: 'FEEDBACK',
      reference: `feedback:${data.reviewId}`,
      orderId: data.orderId,
      expiresAt: this.points.lotExpiry(now),
    });
    if (!granted) return;
    await this.outbox.publish(manager, PointsGranted, {
      memberId: member.id,
      reason: 'FEEDBACK',
      referenceId: data.reviewId,
      points,
      balanceAfter: member.balance,
      grantedAt: now.toISOString(),
    });
  }
}
