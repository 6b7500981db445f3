import {
  BirthdayRewardGranted,
  MemberTierChanged,
  PointsEarned,
  PointsExpired,
  PointsGranted,
  PointsHeld,
  PointsHoldFailed,
  PointsRedeemed,
  PointsReleased,
  PointsReversed,
  Topics,
} from '@emporium/contracts';
import { eventually, integrationSuite } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { PointHolds } from '../src/points/point-holds.service';
import { PointsExpiry } from '../src/points/points-expiry.service';
import { RewardsService } from '../src/rewards/rewards.service';
import { addMonths } from '../src/tiers/tier-rules';
import { TiersService } from '../src/tiers/tiers.service';
import {
  cancelled,
  completed,
  confirmed,
  customer,
  ledgerSum,
  placed,
  pointsOf,
  publish,
  refunded,
  register,
  reviewPublished,
  topics,
} from './membership.fixtures';
import { manualJobs, membershipRecipe } from './membership.recipe';

/** Low thresholds so a few orders move tiers: GOLD at 100.00 EUR or 5 orders. */
const settings = {
  ...manualJobs,
  FEEDBACK_POINTS: '500',
  TIER_THRESHOLDS: 'SILVER:5000:3,GOLD:10000:5,DIAMOND:100000:50',
};

const setup = {
  // A second replica on the same database and consumer group: jobs must not run twice between them.
  services: {
    membership: { recipe: membershipRecipe, env: settings },
    replica: { recipe: membershipRecipe, env: settings },
  },
  read: [Topics.membershipMember],
};

integrationSuite(
  'membership: the points ledger and tiers through order events and jobs (real PostgreSQL and Kafka)',
  setup,
  ({ membership, replica, reader, run }) => {
    const t = topics(run);

    const ofMember = (type: string, memberId: string) =>
      reader.ofType(type).filter((m) => m.json.memberId === memberId);

    /** A registered member with `reviews` × 500 feedback points. */
    async function memberWith(reviews: number): Promise<string> {
      const { memberId } = await register(membership);
      for (let i = 0; i < reviews; i++) await publish(t.reviews, reviewPublished(memberId));
      await eventually(
        async () => (await pointsOf(membership, memberId)).balance === reviews * 500 || undefined,
        30_000,
        `${reviews * 500} feedback points`,
      );
      return memberId;
    }

    it('feedback: a published review grants FEEDBACK_POINTS once, however often it arrives', async () => {
      const { memberId } = await register(membership);
      const review = reviewPublished(memberId);
      await publish(t.reviews, review, review, reviewPublished(memberId, JSON.parse(review.value).reviewId));
      const marker = reviewPublished(memberId);
      await publish(t.reviews, marker);
      await reader.waitFor(
        (m) => m.headers.ce_type === PointsGranted.type && m.json.referenceId === JSON.parse(marker.value).reviewId,
      );
      expect(ofMember(PointsGranted.type, memberId)).toHaveLength(2);
      expect(await pointsOf(membership, memberId)).toMatchObject({ balance: 1000, held: 0 });
    });

    it('50 concurrent holds of 100 on a balance of 1,000: exactly 10 succeed and the balance never goes below zero', async () => {
      const memberId = await memberWith(2);
      const points = membership.app.get(PointHolds);
      const orders = Array.from({ length: 50 }, () => randomUUID());
      // Real concurrency: 50 transactions at once from two replicas' connection pools against one member row.
      const outcomes = await Promise.all(
        orders.map((orderId, i) =>
          (i % 2 ? replica : membership).dataSource.transaction((manager) =>
            (i % 2 ? replica.app.get(PointHolds) : points).hold(manager, memberId, orderId, 100, new Date()),
          ),
        ),
      );
      expect(outcomes.filter((o) => o.held)).toHaveLength(10);
      expect(outcomes.filter((o) => !o.held && o.reason === 'INSUFFICIENT_POINTS')).toHaveLength(40);
      expect(await ledgerSum(membership, memberId)).toEqual({ balance: 0, sum: 0, negatives: 0 });
      expect(await pointsOf(membership, memberId)).toMatchObject({ balance: 0, held: 1000 });
      await reader.waitFor((m) => m.headers.ce_type === PointsHoldFailed.type && m.json.memberId === memberId, 40);
      expect(ofMember(PointsHeld.type, memberId)).toHaveLength(10);
    });

    it('50 orders placed at once through Kafka against 1,000 points: 10 points-held, 40 points-hold-failed', async () => {
      const memberId = await memberWith(2);
      await publish(t.orders, ...Array.from({ length: 50 }, () => placed(memberId, randomUUID(), 100)));
      await reader.waitFor(
        (m) => [PointsHeld.type, PointsHoldFailed.type].includes(m.headers.ce_type) && m.json.memberId === memberId,
        50,
        60_000,
      );
      expect(ofMember(PointsHeld.type, memberId)).toHaveLength(10);
      expect(ofMember(PointsHoldFailed.type, memberId).every((m) => m.json.reason === 'INSUFFICIENT_POINTS')).toBe(
        true,
      );
      expect(await ledgerSum(membership, memberId)).toEqual({ balance: 0, sum: 0, negatives: 0 });
    });

    it('hold -> redeem on confirmation; hold -> release on cancellation; cancelled after confirmation credits back', async () => {
      const memberId = await memberWith(2);
      const [kept, dropped, late] = [randomUUID(), randomUUID(), randomUUID()];
      await publish(t.orders, placed(memberId, kept, 300), placed(memberId, dropped, 200), placed(memberId, late, 100));
      await reader.waitFor((m) => m.headers.ce_type === PointsHeld.type && m.json.memberId === memberId, 3);
      expect(await pointsOf(membership, memberId)).toMatchObject({ balance: 400, held: 600 });

      await publish(
        t.orders,
        confirmed(memberId, kept),
        cancelled(memberId, dropped, 200, false),
        confirmed(memberId, late),
      );
      const [redeemed] = await reader.waitFor(
        (m) => m.headers.ce_type === PointsRedeemed.type && m.json.orderId === kept,
      );
      expect(redeemed.json).toMatchObject({ memberId, points: 300 });
      const [released] = await reader.waitFor(
        (m) => m.headers.ce_type === PointsReleased.type && m.json.orderId === dropped,
      );
      expect(released.json).toMatchObject({ memberId, points: 200, creditedBack: false });
      await reader.waitFor((m) => m.headers.ce_type === PointsRedeemed.type && m.json.orderId === late);

      // Cancelled after it was confirmed (and twice): the redeemed 100 come back once, as a new lot.
      const cancellation = cancelled(memberId, late, 100, true);
      await publish(t.orders, cancellation, cancellation, cancelled(memberId, late, 100, true));
      const [credited] = await reader.waitFor(
        (m) => m.headers.ce_type === PointsReleased.type && m.json.orderId === late,
      );
      expect(credited.json).toMatchObject({ points: 100, creditedBack: true });
      const marker = reviewPublished(memberId);
      await publish(t.reviews, marker);
      await reader.waitFor(
        (m) => m.headers.ce_type === PointsGranted.type && m.json.referenceId === JSON.parse(marker.value).reviewId,
      );
      // 1000 - 300 (redeemed) - 200 + 200 (released) - 100 + 100 (credited back) + 500 (marker review)
      expect(await pointsOf(membership, memberId)).toMatchObject({ balance: 1200, held: 0 });
      expect(ofMember(PointsReleased.type, memberId)).toHaveLength(2);
      expect(await ledgerSum(membership, memberId)).toMatchObject({ balance: 1200, sum: 1200 });

      // Keyset pages of 4, newest first: the marker's GRANT first, then everything once.
      const kinds: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 3; page++) {
        const { body } = await request(membership.url)
          .get('/members/me/points/history')
          .query({ limit: 4, ...(cursor ? { cursor } : {}) })
          .set('Authorization', customer(memberId))
          .expect(200);
        if (page === 0)
          expect(body.items[0]).toMatchObject({ kind: 'GRANT', reason: 'FEEDBACK', points: 500, balanceAfter: 1200 });
        kinds.push(...body.items.map((e: { kind: string }) => e.kind));
        cursor = body.nextCursor;
      }
      expect(cursor).toBeNull();
      expect(kinds.sort()).toEqual([
        'GRANT',
        'GRANT',
        'GRANT',
        'GRANT',
        'HOLD',
        'HOLD',
        'HOLD',
        'REDEEM',
        'REDEEM',
        'RELEASE',
      ]);
    });

    it('a cancellation before the placed event leaves a tombstone: the late hold is never made', async () => {
      const memberId = await memberWith(1);
      const orderId = randomUUID();
      await publish(t.orders, cancelled(memberId, orderId, 100, false), placed(memberId, orderId, 100));
      const marker = randomUUID();
      await publish(t.orders, placed(memberId, marker, 50));
      await reader.waitFor((m) => m.headers.ce_type === PointsHeld.type && m.json.orderId === marker);
      expect(reader.messages.filter((m) => m.json?.orderId === orderId)).toHaveLength(0);
      expect((await pointsOf(membership, memberId)).balance).toBe(450);
    });

    it('unknown and erased members: points-hold-failed with the reason', async () => {
      const stranger = randomUUID();
      const erased = await memberWith(1);
      await request(membership.url).post('/members/me/erase').set('Authorization', customer(erased)).expect(200);
      await publish(t.orders, placed(stranger, randomUUID(), 100), placed(erased, randomUUID(), 100));
      const [unknown] = await reader.waitFor(
        (m) => m.headers.ce_type === PointsHoldFailed.type && m.json.memberId === stranger,
      );
      expect(unknown.json).toMatchObject({ reason: 'UNKNOWN_MEMBER', availablePoints: 0, requestedPoints: 100 });
      const [gone] = await reader.waitFor(
        (m) => m.headers.ce_type === PointsHoldFailed.type && m.json.memberId === erased,
      );
      expect(gone.json).toMatchObject({ reason: 'MEMBER_ERASED' });
    });

    it('earn with the tier multiplier on completion, the tier upgraded at once; a refund reverses the earned points once even when delivered twice', async () => {
      const { memberId } = await register(membership);
      const [first, second, third] = [randomUUID(), randomUUID(), randomUUID()];
      // ORDINARY ×1.00: 39.98 EUR -> 39 points. Spend 3998, 1 order: still ORDINARY.
      await publish(t.orders, completed(memberId, first, 3998));
      const [earned1] = await reader.waitFor(
        (m) => m.headers.ce_type === PointsEarned.type && m.json.orderId === first,
      );
      expect(earned1.json).toMatchObject({
        points: 39,
        earnedOn: 3998,
        tier: 'ORDINARY',
        multiplierPercent: 100,
        balanceAfter: 39,
      });
      // 80.00 EUR at ORDINARY -> 80 points; spend 11998 >= 10000: GOLD at once.
      await publish(t.orders, completed(memberId, second, 8000));
      const [earned2] = await reader.waitFor(
        (m) => m.headers.ce_type === PointsEarned.type && m.json.orderId === second,
      );
      expect(earned2.json).toMatchObject({ points: 80, tier: 'ORDINARY', balanceAfter: 119 });
      const [upgrade] = await reader.waitFor(
        (m) => m.headers.ce_type === MemberTierChanged.type && m.json.memberId === memberId && m.json.tier === 'GOLD',
      );
      expect(upgrade.json).toMatchObject({
        previousTier: 'ORDINARY',
        benefits: {
          discountPercent: 5,
          freeShippingThreshold: 2900,
          pointsMultiplierPercent: 150,
          priorityShipping: true,
          birthdayGiftPoints: 1000,
        },
      });
      // GOLD ×1.50: 39.98 EUR -> 59.97 -> 59 points.
      await publish(t.orders, completed(memberId, third, 3998));
      const [earned3] = await reader.waitFor(
        (m) => m.headers.ce_type === PointsEarned.type && m.json.orderId === third,
      );
      expect(earned3.json).toMatchObject({ points: 59, tier: 'GOLD', multiplierPercent: 150, balanceAfter: 178 });

      // Refund of 17.99 EUR of the third order: 59 × 1799 / 3998 = 26.5 -> 26 reversed. The same event
      // twice, and the same refund again under a new event id: one reversal.
      const refundId = randomUUID();
      const refund = refunded(memberId, third, refundId, 1799, false);
      await publish(t.orders, refund, refund, refunded(memberId, third, refundId, 1799, false));
      const [reversed] = await reader.waitFor(
        (m) => m.headers.ce_type === PointsReversed.type && m.json.refundId === refundId,
      );
      expect(reversed.json).toMatchObject({
        memberId,
        orderId: third,
        points: 26,
        unrecovered: 0,
        pointsCredited: 0,
        balanceAfter: 152,
      });
      // The rest of the order, refunded with 300 points it had been paid with: 59 - 26 = 33 reversed, 300 credited.
      const last = randomUUID();
      await publish(t.orders, refunded(memberId, third, last, 2199, true, 300));
      const [rest] = await reader.waitFor((m) => m.headers.ce_type === PointsReversed.type && m.json.refundId === last);
      expect(rest.json).toMatchObject({ points: 33, pointsCredited: 300, balanceAfter: 152 - 33 + 300 });
      expect(ofMember(PointsReversed.type, memberId)).toHaveLength(2);
      expect(await ledgerSum(membership, memberId)).toMatchObject({ balance: 419, sum: 419, negatives: 0 });
      // The tier stays GOLD until its period ends, although the refunds lowered the spend.
      expect((await pointsOf(membership, memberId)).tier).toBe('GOLD');

      // Period end, a year on: no orders in the last 12 months -> ORDINARY. Two replicas run it at once.
      const later = addMonths(new Date(), 13);
      const reviewed = await Promise.all([
        membership.app.get(TiersService).reviewDue(later),
        replica.app.get(TiersService).reviewDue(later),
      ]);
      expect(reviewed.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
      const [downgrade] = await reader.waitFor(
        (m) =>
          m.headers.ce_type === MemberTierChanged.type &&
          m.json.memberId === memberId &&
          m.json.tier === 'ORDINARY' &&
          m.json.previousTier === 'GOLD',
      );
      expect(downgrade.json.benefits.pointsMultiplierPercent).toBe(100);
      expect(ofMember(MemberTierChanged.type, memberId).filter((m) => m.json.previousTier === 'GOLD')).toHaveLength(1);
    });

    it('a refund before completion lowers what the order earns', async () => {
      const { memberId } = await register(membership);
      const orderId = randomUUID();
      await publish(
        t.orders,
        refunded(memberId, orderId, randomUUID(), 1000, false),
        completed(memberId, orderId, 3998),
      );
      const [earned] = await reader.waitFor(
        (m) => m.headers.ce_type === PointsEarned.type && m.json.orderId === orderId,
      );
      // 3998 - 1000 refunded = 2998 -> 29 points at ORDINARY
      expect(earned.json).toMatchObject({ points: 29, earnedOn: 2998 });
    });

    it('birthday rewards: once per year under two concurrent runs on two replicas, and not again on a rerun', async () => {
      const today = new Date();
      const birthday = `1990-${today.toISOString().slice(5, 10)}`.replace('1990-02-29', '1992-02-29');
      const { memberId } = await register(membership, randomUUID(), { birthday });
      const runs = await Promise.all([
        membership.app.get(RewardsService).grantBirthdays(today),
        replica.app.get(RewardsService).grantBirthdays(today),
      ]);
      expect(runs[0] + runs[1]).toBeGreaterThanOrEqual(1);
      await membership.app.get(RewardsService).grantBirthdays(today);
      const [granted] = await reader.waitFor(
        (m) => m.headers.ce_type === BirthdayRewardGranted.type && m.json.memberId === memberId,
      );
      expect(granted.json).toMatchObject({ year: today.getUTCFullYear(), points: 100, tier: 'ORDINARY' });
      const [count] = await membership.dataSource.query(
        `SELECT count(*)::int AS n FROM points_ledger WHERE member_id = $1 AND reason = 'BIRTHDAY'`,
        [memberId],
      );
      expect(count.n).toBe(1);
      const marker = reviewPublished(memberId);
      await publish(t.reviews, marker);
      await reader.waitFor(
        (m) => m.headers.ce_type === PointsGranted.type && m.json.referenceId === JSON.parse(marker.value).reviewId,
      );
      expect(ofMember(BirthdayRewardGranted.type, memberId)).toHaveLength(1);
      expect((await pointsOf(membership, memberId)).balance).toBe(600);
    });

    it('expiry: unspent points expire 12 months after they were earned, oldest first, once under concurrent runs', async () => {
      const memberId = await memberWith(2);
      // Spend 300 of the 1,000 (the oldest lot pays first): 200 left of lot 1, 500 of lot 2.
      const orderId = randomUUID();
      await publish(t.orders, placed(memberId, orderId, 300), confirmed(memberId, orderId));
      await reader.waitFor((m) => m.headers.ce_type === PointsRedeemed.type && m.json.orderId === orderId);
      const points = membership.app.get(PointsExpiry);
      expect(await points.expireDue(addMonths(new Date(), 11))).toBe(0);
      const later = addMonths(new Date(), 12);
      later.setUTCDate(later.getUTCDate() + 1);
      const runs = await Promise.all([points.expireDue(later), replica.app.get(PointsExpiry).expireDue(later)]);
      expect(runs[0] + runs[1]).toBeGreaterThanOrEqual(700);
      const [expired] = await reader.waitFor(
        (m) => m.headers.ce_type === PointsExpired.type && m.json.memberId === memberId,
      );
      expect(expired.json).toMatchObject({ points: 700, balanceAfter: 0 });
      expect(await points.expireDue(later)).toBe(0);
      expect(await ledgerSum(membership, memberId)).toEqual({ balance: 0, sum: 0, negatives: 0 });
      expect(ofMember(PointsExpired.type, memberId)).toHaveLength(1);
    });

    it('no event ever carried an email', () => {
      for (const message of reader.messages) expect(message.value).not.toMatch(/@example\.com/);
    });
  },
);
