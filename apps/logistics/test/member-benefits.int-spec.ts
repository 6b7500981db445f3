import { MemberTierChanged, MemberTierChangedV1, Topics } from '@emporium/contracts';
import { eventMessage, eventually, integrationSuite, publishRaw, tokenFor } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { announceSku, HAMBURG } from './logistics.fixtures';
import { fastJobs, logisticsRecipe } from './logistics.recipe';

/** membership's tier benefits applied to shipping: free above the tier's threshold, priority = EXPRESS promise at the STANDARD price. */
const setup = { services: { logistics: { recipe: logisticsRecipe, env: fastJobs } } };

integrationSuite(
  'logistics: member tier benefits from membership.member.tier-changed (real PostgreSQL and Kafka)',
  setup,
  ({ logistics, run }) => {
    const membersTopic = run.topicPrefix + Topics.membershipMember;
    const sku = `SPK-M-${run.id}`;

    beforeAll(async () => {
      // The SKU costs 99.00 EUR (the fixture's price): 1.5 kg, 500 x 400 x 150 mm.
      await announceSku(run, sku, randomUUID());
    });

    const tierChanged = (memberId: string, benefits: MemberTierChangedV1['benefits'], changedAt = new Date()) =>
      eventMessage(MemberTierChanged, { memberId, tier: 'GOLD', benefits, changedAt: changedAt.toISOString() });
    const quote = (customerId: string, quantity = 1) =>
      request(logistics.url)
        .post('/shipping-quotes')
        .set('Authorization', `Bearer ${tokenFor('customer', customerId)}`)
        .send({ shippingAddress: HAMBURG, deliveryOption: 'STANDARD', lines: [{ sku, quantity }] });

    it('a GOLD member above the free-shipping threshold ships free, to the EXPRESS promise; others pay as before', async () => {
      const gold = randomUUID();
      const prioritySilver = randomUUID();
      const stranger = randomUUID();
      await publishRaw(membersTopic, [
        tierChanged(gold, {
          discountPercent: 5,
          freeShippingThreshold: 2900,
          pointsMultiplierPercent: 150,
          priorityShipping: true,
          birthdayGiftPoints: 1000,
        }),
        tierChanged(prioritySilver, {
          discountPercent: 2,
          freeShippingThreshold: 20_000,
          pointsMultiplierPercent: 125,
          priorityShipping: true,
          birthdayGiftPoints: 300,
        }),
      ]);
      // One speaker, STANDARD to Hamburg: Post 5,000 g bracket, 6.90 EUR (the README's worked example).
      const plain = await eventually(
        async () => {
          const response = await quote(stranger);
          return response.status === 201 ? response.body : undefined;
        },
        30_000,
        'the SKU read model',
      );
      expect(plain).toMatchObject({ carrier: 'SANDBOX-POST', serviceLevel: 'STANDARD', fee: 690, promisedDays: 5 });

      // GOLD: 99.00 EUR >= 29.00 -> free; priority -> the EXPRESS promise (2 days): Parcel 6,000 g, 9.90 EUR carrier cost.
      const free = await eventually(
        async () => {
          const response = await quote(gold);
          return response.status === 201 && response.body.fee === 0 ? response.body : undefined;
        },
        30_000,
        "the member's tier",
      );
      expect(free).toMatchObject({ carrier: 'SANDBOX-PARCEL', fee: 0, promisedDays: 2 });
      const stored = await request(logistics.url)
        .get(`/shipping-quotes/${free.id}`)
        .set('Authorization', `Bearer ${tokenFor('ops')}`)
        .expect(200);
      expect(stored.body).toMatchObject({ fee: 0, carrierCost: 990 });

      // Priority but below its 200.00 EUR threshold: the EXPRESS promise at the STANDARD price (6.90).
      const priority = await quote(prioritySilver).expect(201);
      expect(priority.body).toMatchObject({ carrier: 'SANDBOX-PARCEL', promisedDays: 2, fee: 690 });
      // Three speakers (297.00 EUR) reach its threshold: free.
      const three = await quote(prioritySilver, 3).expect(201);
      expect(three.body.fee).toBe(0);
    });

    it('an older tier event arriving late does not undo a newer one', async () => {
      const member = randomUUID();
      const now = Date.now();
      const older = tierChanged(
        member,
        { discountPercent: 0, pointsMultiplierPercent: 100, priorityShipping: false, birthdayGiftPoints: 100 },
        new Date(now - 60_000),
      );
      await publishRaw(membersTopic, [
        tierChanged(
          member,
          {
            discountPercent: 5,
            freeShippingThreshold: 2900,
            pointsMultiplierPercent: 150,
            priorityShipping: true,
            birthdayGiftPoints: 1000,
          },
          new Date(now),
        ),
        older,
      ]);
      // The older event was consumed (it is in the inbox), and the newer tier still holds.
      const olderId = older.headers.ce_id;
      await eventually(
        async () =>
          (await logistics.dataSource.query(`SELECT 1 FROM messaging_inbox WHERE event_id = $1`, [olderId])).length >
            0 || undefined,
        30_000,
        'the older event',
      );
      expect((await quote(member).expect(201)).body.fee).toBe(0);
    });
  },
);
