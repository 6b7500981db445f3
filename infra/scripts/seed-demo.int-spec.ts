import { integrationSuite } from '@emporium/testing';
import request from 'supertest';
import { ops } from '../../apps/customer-service/test/customer-service.fixtures';
import { customerServiceRecipe } from '../../apps/customer-service/test/customer-service.recipe';
import { DEMO_FAQ, upsertFaq } from './seed-demo';

integrationSuite(
  'npm run seed: the FAQ entries it relies on (real customer-service, PostgreSQL)',
  { services: { cs: customerServiceRecipe } },
  ({ cs }) => {
    const [entry] = DEMO_FAQ;
    const published = async () =>
      (await request(cs.url).get('/faq').query({ q: entry.question }).set('Authorization', ops()).expect(200)).body
        .filter((found: { question: string; published: boolean }) => found.question === entry.question)
        .map((found: { id: string; published: boolean }) => ({ id: found.id, published: found.published }));

    it('seeding twice leaves one published entry, with the same id', async () => {
      const first = await upsertFaq(cs.url, entry);
      const second = await upsertFaq(cs.url, entry);
      expect(second.id).toBe(first.id);
      expect(await published()).toEqual([{ id: first.id, published: true }]);
    });

    it('on a database with copies from earlier seeds (one unpublished): one of them is published with the demo answer, the others unpublished', async () => {
      const question = `${entry.question} (copies)`;
      const copies = [];
      for (let i = 0; i < 3; i++)
        copies.push(
          (
            await request(cs.url)
              .post('/faq')
              .set('Authorization', ops())
              .send({ question, answer: 'old', published: i !== 0 })
              .expect(201)
          ).body.id,
        );
      const kept = await upsertFaq(cs.url, { question, answer: entry.answer });
      const after = (await request(cs.url).get('/faq').query({ q: question }).set('Authorization', ops()).expect(200))
        .body as { id: string; question: string; answer: string; published: boolean }[];
      const mine = after.filter((found) => found.question === question);
      expect(mine).toHaveLength(3);
      expect(mine.filter((found) => found.published)).toEqual([
        expect.objectContaining({ id: kept.id, answer: entry.answer }),
      ]);
      expect(copies).toContain(kept.id);
    });
  },
);
