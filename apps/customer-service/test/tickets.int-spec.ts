import { TicketOpened, TicketResolved, TicketSlaBreached, Topics } from '@emporium/contracts';
import { eventually, integrationSuite } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { SlaBreachJob } from '../src/tickets/sla-breach.job';
import { customer, deliver, known, mailbox, ops } from './customer-service.fixtures';
import { customerServiceRecipe } from './customer-service.recipe';

// The sweep runs only when the test calls it: two at once is the case under test.
const setup = {
  services: { cs: { recipe: customerServiceRecipe, env: { SLA_SWEEP_MS: '3600000' } } },
  read: [Topics.customerServiceTicket],
};

integrationSuite(
  'customer-service: tickets with SLA timers (real PostgreSQL and Kafka)',
  setup,
  ({ cs, reader, run }) => {
    const merchantId = randomUUID();
    const sku = `LAMP-${run.id}`;

    async function deliveredOrder(customerId: string) {
      const order = await deliver(run, customerId, [
        { sku, quantity: 1, unitPrice: 4900, lineTotal: 4900, merchantId },
      ]);
      await known(cs, order.orderId);
      return order.orderId;
    }

    const breachesOf = (ticketId: string) =>
      reader.ofType(TicketSlaBreached.type).filter((m) => m.json.ticketId === ticketId);

    it('a ticket walks open -> in progress -> waiting on customer -> in progress -> resolved -> reopened -> resolved -> closed; the customer never sees internal notes', async () => {
      const customerId = randomUUID();
      const orderId = await deliveredOrder(customerId);
      const opened = await request(cs.url)
        .post('/tickets')
        .set('Authorization', customer(customerId))
        .send({ kind: 'COMPLAINT', orderId, subject: 'Lamp flickers', body: 'It flickers after an hour.' })
        .expect(201);
      const ticket = opened.body;
      expect(ticket).toMatchObject({ status: 'OPEN', priority: 'HIGH', merchantId, source: 'CUSTOMER' });
      const [event] = await reader.waitFor(
        (m) => m.headers.ce_type === TicketOpened.type && m.json.ticketId === ticket.id,
      );
      expect(event.json).toMatchObject({
        kind: 'COMPLAINT',
        customerId,
        merchantId,
        orderId,
        subject: 'Lamp flickers',
      });

      await request(cs.url)
        .post(`/tickets/${ticket.id}/assign`)
        .set('Authorization', ops())
        .send({ assigneeId: 'agent-7' })
        .expect(200);
      await request(cs.url)
        .post(`/tickets/${ticket.id}/notes`)
        .set('Authorization', ops())
        .send({ body: 'merchant had three of these this week' })
        .expect(200);
      const replied = await request(cs.url)
        .post(`/tickets/${ticket.id}/replies`)
        .set('Authorization', ops())
        .send({ body: 'Could you send a video?' })
        .expect(200);
      expect(replied.body).toMatchObject({ status: 'WAITING_ON_CUSTOMER', assigneeId: 'agent-7' });
      expect(replied.body.firstRespondedAt).not.toBeNull();
      expect(replied.body.messages.some((m: { internal: boolean }) => m.internal)).toBe(true);

      const answered = await request(cs.url)
        .post(`/tickets/${ticket.id}/replies`)
        .set('Authorization', customer(customerId))
        .send({ body: 'Here it is.' })
        .expect(200);
      expect(answered.body.status).toBe('IN_PROGRESS');
      expect(answered.body.messages.map((m: { body: string }) => m.body)).toEqual([
        'It flickers after an hour.',
        'Could you send a video?',
        'Here it is.',
      ]);
      const own = await request(cs.url)
        .get(`/tickets/${ticket.id}`)
        .set('Authorization', customer(customerId))
        .expect(200);
      expect(own.body.messages.every((m: { internal: boolean }) => !m.internal)).toBe(true);
      expect(JSON.stringify(own.body)).not.toContain('three of these');
      await eventually(
        async () => (await mailbox(cs, customerId)).some((m) => m.template === 'TICKET_REPLY'),
        30_000,
        'the reply notice',
      );

      await request(cs.url).post(`/tickets/${ticket.id}/close`).set('Authorization', customer(customerId)).expect(409);
      await request(cs.url).post(`/tickets/${ticket.id}/resolve`).set('Authorization', ops()).expect(200);
      const [resolved] = await reader.waitFor(
        (m) => m.headers.ce_type === TicketResolved.type && m.json.ticketId === ticket.id,
      );
      expect(resolved.json).toMatchObject({ assigneeId: 'agent-7', resolutionSla: 'MET', customerId });
      await request(cs.url)
        .post(`/tickets/${ticket.id}/replies`)
        .set('Authorization', customer(customerId))
        .send({ body: 'still broken' })
        .expect(409);
      await request(cs.url).post(`/tickets/${ticket.id}/reopen`).set('Authorization', customer(customerId)).expect(200);
      await request(cs.url).post(`/tickets/${ticket.id}/resolve`).set('Authorization', ops()).expect(200);
      const closed = await request(cs.url)
        .post(`/tickets/${ticket.id}/close`)
        .set('Authorization', customer(customerId))
        .expect(200);
      expect(closed.body.status).toBe('CLOSED');
      await request(cs.url).post(`/tickets/${ticket.id}/reopen`).set('Authorization', customer(customerId)).expect(409);
    });

    it('a customer sees, answers and opens tickets only on its own tickets and orders', async () => {
      const owner = randomUUID();
      const stranger = randomUUID();
      const orderId = await deliveredOrder(owner);
      const { body: ticket } = await request(cs.url)
        .post('/tickets')
        .set('Authorization', customer(owner))
        .send({ kind: 'AFTER_SALES', orderId, subject: 'Missing screw', body: 'One screw missing.' })
        .expect(201);
      await request(cs.url).get(`/tickets/${ticket.id}`).set('Authorization', customer(stranger)).expect(404);
      await request(cs.url)
        .post(`/tickets/${ticket.id}/replies`)
        .set('Authorization', customer(stranger))
        .send({ body: 'hi' })
        .expect(404);
      await request(cs.url).post(`/tickets/${ticket.id}/reopen`).set('Authorization', customer(stranger)).expect(404);
      await request(cs.url)
        .post('/tickets')
        .set('Authorization', customer(stranger))
        .send({ kind: 'COMPLAINT', orderId, subject: 'x', body: 'y' })
        .expect(404);
      const list = await request(cs.url).get('/tickets').set('Authorization', customer(stranger)).expect(200);
      expect(list.body.items).toHaveLength(0);
      const noOrder = await request(cs.url)
        .post('/tickets')
        .set('Authorization', customer(owner))
        .send({ kind: 'COMPLAINT', subject: 'x', body: 'y' })
        .expect(422);
      expect(noOrder.body).toMatchObject({ code: 'ORDER_REQUIRED', errors: [{ field: 'orderId' }] });
      const bad = await request(cs.url)
        .post('/tickets')
        .set('Authorization', customer(owner))
        .send({ kind: 'RANT', subject: '', body: 'y' })
        .expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['kind', 'subject']);
    });

    it('an SLA breach fires once even with two sweeps at once; a first response inside the target fires none', async () => {
      const customerId = randomUUID();
      const orderId = await deliveredOrder(customerId);
      const open = async (subject: string) =>
        (
          await request(cs.url)
            .post('/tickets')
            .set('Authorization', customer(customerId))
            .send({ kind: 'LOGISTICS', orderId, subject, body: 'where is it?' })
            .expect(201)
        ).body;
      const ignored = await open('nobody answers');
      const answered = await open('answered in time');
      await request(cs.url)
        .post(`/tickets/${answered.id}/replies`)
        .set('Authorization', ops())
        .send({ body: 'It left the hub today.' })
        .expect(200);

      // Time passes: both first-response targets are now behind us.
      await cs.dataSource.query(
        `UPDATE tickets SET first_response_due_at = now() - interval '1 minute' WHERE id = ANY($1)`,
        [[ignored.id, answered.id]],
      );
      const job = cs.app.get(SlaBreachJob);
      const raised = await Promise.all([job.sweep(), job.sweep()]);
      expect(raised.reduce((a, b) => a + b, 0)).toBe(1);
      expect(await job.sweep()).toBe(0);

      const [breach] = await reader.waitFor(
        (m) => m.headers.ce_type === TicketSlaBreached.type && m.json.ticketId === ignored.id,
      );
      expect(breach.json).toMatchObject({ kind: 'LOGISTICS', priority: 'HIGH', target: 'FIRST_RESPONSE' });
      const view = await request(cs.url).get(`/tickets/${ignored.id}`).set('Authorization', ops()).expect(200);
      expect(view.body).toMatchObject({ firstResponseBreached: true, resolutionBreached: false });
      // Resolving publishes on the same key after whatever the sweeps wrote: once it has arrived, so has any breach.
      for (const id of [ignored.id, answered.id]) {
        await request(cs.url).post(`/tickets/${id}/resolve`).set('Authorization', ops()).expect(200);
        await reader.waitFor((m) => m.headers.ce_type === TicketResolved.type && m.json.ticketId === id);
      }
      expect(breachesOf(ignored.id)).toHaveLength(1);
      expect(breachesOf(answered.id)).toHaveLength(0);
    });

    it('a pre-sales question is answered with FAQ suggestions found by full-text search', async () => {
      const customerId = randomUUID();
      const faq = await request(cs.url)
        .post('/faq')
        .set('Authorization', ops())
        .send({
          question: 'How long does shipping to Germany take?',
          answer: 'Standard delivery takes 3 to 5 working days within Germany.',
        })
        .expect(201);
      await request(cs.url)
        .post('/faq')
        .set('Authorization', ops())
        .send({ question: 'Can I pay by invoice?', answer: 'Yes, for orders up to 500 EUR.' })
        .expect(201);
      const opened = await request(cs.url)
        .post('/tickets')
        .set('Authorization', customer(customerId))
        .send({ kind: 'PRE_SALES', subject: 'Shipping time', body: 'How many days does shipping to Hamburg take?' })
        .expect(201);
      expect(opened.body.suggestions.map((s: { id: string }) => s.id)).toEqual([faq.body.id]);
      const found = await request(cs.url).get('/faq?q=invoice').set('Authorization', customer(customerId)).expect(200);
      expect(found.body.map((e: { question: string }) => e.question)).toEqual(['Can I pay by invoice?']);
      await request(cs.url)
        .post('/faq')
        .set('Authorization', customer(customerId))
        .send({ question: 'q', answer: 'a' })
        .expect(403);
    });
  },
);
