import { MemberErased, MemberRegistered, MemberTierChanged, Topics } from '@emporium/contracts';
import { integrationSuite, tokenFor } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { customer, ops, profile, register, service } from './membership.fixtures';
import { manualJobs, membershipRecipe } from './membership.recipe';

const setup = {
  services: { membership: { recipe: membershipRecipe, env: manualJobs } },
  read: [Topics.membershipMember],
};

integrationSuite(
  'membership: profiles, lookups, export and erasure (real PostgreSQL and Kafka)',
  setup,
  ({ membership, reader }) => {
    it('a customer registers itself: ORDINARY, no points; registered and tier-changed (with the benefits) carry no personal data', async () => {
      const { memberId, email, member } = await register(membership);
      expect(member).toMatchObject({
        id: memberId,
        email,
        tier: 'ORDINARY',
        pointsBalance: 0,
        erased: false,
        birthday: '1990-07-04',
        region: 'EU-DE',
        marketingConsent: true,
      });
      const [registered] = await reader.waitFor(
        (m) => m.headers.ce_type === MemberRegistered.type && m.json.memberId === memberId,
      );
      expect(registered.key).toBe(memberId);
      expect(registered.json).toEqual({
        memberId,
        tier: 'ORDINARY',
        region: 'EU-DE',
        registeredAt: expect.any(String),
      });
      const [tier] = await reader.waitFor(
        (m) => m.headers.ce_type === MemberTierChanged.type && m.json.memberId === memberId,
      );
      expect(tier.json).toMatchObject({
        tier: 'ORDINARY',
        benefits: {
          discountPercent: 0,
          pointsMultiplierPercent: 100,
          priorityShipping: false,
          birthdayGiftPoints: 100,
        },
      });
      expect(tier.json.previousTier).toBeUndefined();

      const me = await request(membership.url).get('/members/me').set('Authorization', customer(memberId)).expect(200);
      expect(me.body).toEqual(member);
      // Twice: 409, and nothing else is published.
      await request(membership.url)
        .post('/members')
        .set('Authorization', customer(memberId))
        .send(profile())
        .expect(409)
        .expect((r) => expect(r.body.code).toBe('MEMBER_EXISTS'));
    });

    it('ops register a customer by id, and must name it', async () => {
      await request(membership.url)
        .post('/members')
        .set('Authorization', ops())
        .send({ ...profile(), memberId: randomUUID() })
        .expect(201);
      await request(membership.url)
        .post('/members')
        .set('Authorization', ops())
        .send(profile())
        .expect(400)
        .expect((r) => expect(r.body.errors[0].field).toBe('memberId'));
    });

    it('a customer cannot register someone else', async () => {
      await request(membership.url)
        .post('/members')
        .set('Authorization', customer(randomUUID()))
        .send({ ...profile(), memberId: randomUUID() })
        .expect(403);
    });

    it('an email is one member, whatever its case, and the refusal does not echo it', async () => {
      const body = profile();
      await request(membership.url)
        .post('/members')
        .set('Authorization', ops())
        .send({ ...body, memberId: randomUUID() })
        .expect(201);
      const taken = await request(membership.url)
        .post('/members')
        .set('Authorization', customer(randomUUID()))
        .send(profile({ email: body.email.toUpperCase() }))
        .expect(409);
      expect(taken.body).toMatchObject({ code: 'EMAIL_TAKEN', errors: [{ field: 'email' }] });
      expect(JSON.stringify(taken.body)).not.toContain(body.email);
    });

    it('PATCH /members/me changes the fields sent; null clears an optional one', async () => {
      const { memberId } = await register(membership);
      const { body } = await request(membership.url)
        .patch('/members/me')
        .set('Authorization', customer(memberId))
        .send({ phone: null, name: 'Ada King', marketingConsent: false })
        .expect(200);
      expect(body).toMatchObject({ name: 'Ada King', phone: null, marketingConsent: false, birthday: '1990-07-04' });
      await request(membership.url).patch('/members/me').set('Authorization', customer(memberId)).send({}).expect(400);
      await request(membership.url)
        .patch('/members/me')
        .set('Authorization', customer(randomUUID()))
        .send({ name: 'x' })
        .expect(404);
    });

    it('ops find a member by email (case-insensitive) and by id; roles are enforced', async () => {
      const { memberId, email } = await register(membership);
      const found = await request(membership.url)
        .get('/members')
        .query({ email: email.toUpperCase() })
        .set('Authorization', ops())
        .expect(200);
      expect(found.body.id).toBe(memberId);
      await request(membership.url).get(`/members/${memberId}`).set('Authorization', ops()).expect(200);
      await request(membership.url)
        .get('/members')
        .query({ email })
        .set('Authorization', customer(memberId))
        .expect(403);
      await request(membership.url).get(`/members/${memberId}`).set('Authorization', customer(memberId)).expect(403);
      await request(membership.url)
        .get('/members')
        .query({ email: 'nobody@example.com' })
        .set('Authorization', ops())
        .expect(404);
    });

    it('the contact endpoint answers the service role only', async () => {
      const { memberId, email } = await register(membership);
      const { body } = await request(membership.url)
        .get(`/members/${memberId}/contact`)
        .set('Authorization', service())
        .expect(200);
      expect(body).toEqual({
        memberId,
        name: 'Ada Lovelace',
        email,
        phone: '+49 40 1234567',
        marketingConsent: true,
        erased: false,
      });
      await request(membership.url).get(`/members/${memberId}/contact`).set('Authorization', ops()).expect(403);
      await request(membership.url)
        .get(`/members/${memberId}/contact`)
        .set('Authorization', customer(memberId))
        .expect(403);
      await request(membership.url).get(`/members/${randomUUID()}/contact`).set('Authorization', service()).expect(404);
    });

    it.each([
      ['email', { email: 'not-an-email' }],
      ['email', { email: 'a'.repeat(300) + '@example.com' }],
      ['name', { name: '' }],
      ['name', { name: 'Ada\u0007Lovelace' }],
      ['name', { name: 'x'.repeat(201) }],
      ['birthday', { birthday: '1990-02-30' }],
      ['birthday', { birthday: '3000-01-01' }],
      ['birthday', { birthday: '1850-01-01' }],
      ['birthday', { birthday: '04/07/1990' }],
      ['phone', { phone: 'call me' }],
      ['region', { region: 'germany' }],
      ['marketingConsent', { marketingConsent: 'yes' }],
      ['memberId', { memberId: 'not-a-uuid' }],
      ['unknown', { unknown: 1 }],
    ])('a bad %s is a 400 problem naming it', async (field, overrides) => {
      const response = await request(membership.url)
        .post('/members')
        .set('Authorization', customer(randomUUID()))
        .send(profile(overrides))
        .expect(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('NUL bytes, huge numbers and bad cursors are 4xx problems naming the field', async () => {
      const nul = await request(membership.url)
        .post('/members')
        .set('Authorization', customer(randomUUID()))
        .send(profile({ name: 'Ada\u0000' }))
        .expect(400);
      expect(nul.body.errors[0].field).toBe('name');
      const { memberId } = await register(membership);
      const limit = await request(membership.url)
        .get('/members/me/points/history')
        .query({ limit: '1e309' })
        .set('Authorization', customer(memberId))
        .expect(400);
      expect(limit.body.errors[0].field).toBe('limit');
      const cursor = await request(membership.url)
        .get('/members/me/points/history')
        .query({ cursor: 'forged' })
        .set('Authorization', customer(memberId))
        .expect(400);
      expect(cursor.body.errors[0].field).toBe('cursor');
      await request(membership.url).get('/members/not-a-uuid').set('Authorization', ops()).expect(400);
    });

    it('export gives the member its own data; erasure anonymises it, keeps the ledger ids, and the email finds no one', async () => {
      const { memberId, email } = await register(membership);
      const exported = await request(membership.url)
        .get('/members/me/export')
        .set('Authorization', customer(memberId))
        .expect(200);
      expect(exported.body).toMatchObject({
        profile: { id: memberId, email, name: 'Ada Lovelace' },
        points: { balance: 0 },
        ledger: [],
        holds: [],
        orders: [],
        birthdayRewards: [],
      });

      const erased = await request(membership.url)
        .post('/members/me/erase')
        .set('Authorization', customer(memberId))
        .expect(200);
      expect(erased.body).toEqual({ memberId, erasedAt: expect.any(String) });
      // Idempotent: the same answer.
      const again = await request(membership.url)
        .post(`/members/${memberId}/erase`)
        .set('Authorization', ops())
        .expect(200);
      expect(again.body).toEqual(erased.body);

      await request(membership.url).get('/members').query({ email }).set('Authorization', ops()).expect(404);
      const contact = await request(membership.url)
        .get(`/members/${memberId}/contact`)
        .set('Authorization', service())
        .expect(200);
      expect(contact.body).toEqual({ memberId, name: null, email: null, marketingConsent: false, erased: true });
      const me = await request(membership.url).get('/members/me').set('Authorization', customer(memberId)).expect(200);
      expect(me.body).toMatchObject({
        id: memberId,
        name: null,
        email: null,
        phone: null,
        birthday: null,
        region: null,
        erased: true,
      });
      const [row] = await membership.dataSource.query(`SELECT * FROM members WHERE id = $1`, [memberId]);
      expect(JSON.stringify(row)).not.toContain(email);
      await request(membership.url)
        .patch('/members/me')
        .set('Authorization', customer(memberId))
        .send({ name: 'back' })
        .expect(409);
      await request(membership.url)
        .post('/members')
        .set('Authorization', customer(memberId))
        .send(profile({ email }))
        .expect(409)
        .expect((r) => expect(r.body.code).toBe('MEMBER_ERASED'));
      // The email is free again for someone else.
      await register(membership, randomUUID(), { email });

      await reader.waitFor((m) => m.headers.ce_type === MemberErased.type && m.json.memberId === memberId);
      expect(reader.ofType(MemberErased.type).filter((m) => m.json.memberId === memberId)).toHaveLength(1);
      // No event this run published ever carried an email, a name or a phone number.
      for (const message of reader.messages) {
        expect(message.value).not.toMatch(/@example\.com/);
        expect(message.value).not.toContain('Lovelace');
        expect(message.value).not.toContain('1234567');
      }
    });

    it('a token with the customer role is confined to itself whatever else it holds', async () => {
      const { memberId } = await register(membership);
      const mixed = `Bearer ${tokenFor('customer', randomUUID(), { roles: ['customer', 'ops'] })}`;
      const me = await request(membership.url).get('/members/me').set('Authorization', mixed);
      expect(me.status).toBe(404);
      expect(me.body.memberId).not.toBe(memberId);
    });
  },
);
