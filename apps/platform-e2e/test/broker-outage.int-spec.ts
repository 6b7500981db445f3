import { eventually, RunningService, startService, TestRun, tokenFor } from '@emporium/testing';
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
describe('a service whose Kafka broker is unreachable (real PostgreSQL)', () => {
  const run = new TestRun();
  let merchants: RunningService;

  beforeAll(async () => {
    merchants = await startService(run, merchantsRecipe, { KAFKA_BROKERS: `127.0.0.1:${await closedPort()}`, EVENT_CONSUMER_ENABLED: 'false' });
  });

  afterAll(async () => {
    await merchants?.close();
    await run.dropDatabases();
  });

  it('stays ready, takes writes into the outbox, and reports the broker down separately', async () => {
    const ready = await request(merchants.url).get('/health/ready').expect(200);
    expect(ready.body.status).toBe('up');
    expect(ready.body.checks.database).toEqual({ status: 'up' });
    expect(ready.body.checks.broker.status).toBe('down');

    const broker = await request(merchants.url).get('/health/broker').expect(503);
    expect(broker.body.checks.broker.status).toBe('down');

    await request(merchants.url).post('/merchants').set('Authorization', `Bearer ${tokenFor('merchant', randomUUID())}`).send(registration()).expect(201);
    const [{ unsent }] = await merchants.dataSource.query('SELECT count(*)::int AS unsent FROM messaging_outbox');
    expect(unsent).toBeGreaterThanOrEqual(1);

    const metrics = (await request(merchants.url).get('/metrics').set('Authorization', ops).expect(200)).text;
    expect(metrics).toMatch(/emporium_dependency_up\{dependency="broker",service="merchants"\} 0/);
    expect(metrics).toMatch(/emporium_dependency_up\{dependency="database",service="merchants"\} 1/);

    // The relay's failed send keeps the backlog and the age of its oldest row current.
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
