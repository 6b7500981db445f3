import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Connection settings of the shared local infrastructure (`npm run infra:up`). */
export const testInfrastructure = {
  adminDatabaseUrl: process.env.TEST_ADMIN_DATABASE_URL ?? 'postgresql://emporium:emporium@127.0.0.1:5432/postgres',
  brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
};

/**
 * One test file's private namespace on the shared broker and database server: its own databases,
 * topic prefix and consumer groups, so parallel and repeated runs never see each other's data.
 */
export class TestRun {
  readonly id = `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  readonly topicPrefix = `${this.id}.`;
  private readonly databases: string[] = [];

  databaseName(service: string): string {
    return `emporium_${service.replace(/-/g, '_')}_${this.id}`;
  }

  databaseUrl(service: string): string {
    const url = new URL(testInfrastructure.adminDatabaseUrl);
    url.pathname = `/${this.databaseName(service)}`;
    return url.toString();
  }

  async createDatabase(service: string): Promise<string> {
    await withAdminClient((client) => client.query(`CREATE DATABASE "${this.databaseName(service)}"`));
    this.databases.push(this.databaseName(service));
    return this.databaseUrl(service);
  }

  async dropDatabases(): Promise<void> {
    await withAdminClient(async (client) => {
      for (const name of this.databases.splice(0)) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
  }
}

async function withAdminClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: testInfrastructure.adminDatabaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Polls until `probe` returns a value other than undefined/false, or fails with the last reason. */
export async function eventually<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const result = await probe();
      if (result !== undefined && result !== false) return result as T;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ''}`,
  );
}
