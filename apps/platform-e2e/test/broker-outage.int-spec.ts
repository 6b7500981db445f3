import { eventually, integrationSuite, tokenFor } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import request from 'supertest';
import { registration } from '../../merchants/test/fixtures';

const ops = `Bearer ${tokenFor('ops')}`;
import { merchantsRecipe } from '../../merchants/test/merchants.recipe';

/** A local port with nothing listening on it: a broker that is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Kafka unreachable, PostgreSQL fine (real database; the broker address has nothing behind it). Writes
 * need only the database, so the service must stay ready and keep taking them: the events wait in the
 * outbox, which the metrics show growing and ageing, and the broker's absence is its own signal.
 */
const setup = {
  services: {
    merchants: {
      recipe: merchantsRecipe,
      env: async () => ({ KAFKA_BROKERS: `127.0.0.1:${await closedPort()}`, EVENT_CONSUMER_ENABLED: 'false' }),
    },
  },
  topics: false,
};

integrationSuite('a service whose Kafka broker is unreachable (real PostgreSQL)', setup, ({ merchants }) => {
  const register = () =>
    request(merchants.url)
      .post('/merchants')
      .set('Authorization', `Bearer ${tokenFor('merchant', randomUUID())}`)
      .send(registration())
      .expect(201);

  it('stays ready: the database is up, the broker down is reported separately', async () => {
    const ready = await request(merchants.url).get('/health/ready').expect(200);
    expect(ready.body.status).toBe('up');
    expect(ready.body.checks.database).toEqual({ status: 'up' });
    expect(ready.body.checks.broker.status).toBe('down');
  });

  it('answers its broker health check with 503', async () => {
    const broker = await request(merchants.url).get('/health/broker').expect(503);
    expect(broker.body.checks.broker.status).toBe('down');
  });

  it('takes writes, their events waiting in the outbox', async () => {
    await register();
    const [{ unsent }] = await merchants.dataSource.query('SELECT count(*)::int AS unsent FROM messaging_outbox');
    expect(unsent).toBeGreaterThanOrEqual(1);
  });

  it('shows the broker down and the database up on /metrics', async () => {
    const metrics = (await request(merchants.url).get('/metrics').set('Authorization', ops).expect(200)).text;
    expect(metrics).toMatch(/emporium_dependency_up\{dependency="broker",service="merchants"\} 0/);
    expect(metrics).toMatch(/emporium_dependency_up\{dependency="database",service="merchants"\} 1/);
  });

  it('keeps the outbox backlog and the age of its oldest row current on /metrics while the relay fails', async () => {
    await register();
    await eventually(
      async () => {
        const text = (await request(merchants.url).get('/metrics').set('Authorization', ops)).text;
        const backlog = Number(/^emporium_outbox_backlog\{[^}]*\} (\S+)$/m.exec(text)?.[1]);
        const age = Number(/^emporium_outbox_oldest_unsent_age_seconds\{[^}]*\} (\S+)$/m.exec(text)?.[1]);
        return backlog >= 1 && age > 0;
      },
      90_000,
      'the outbox backlog and oldest-unsent age on /metrics',
    );
  });
});
