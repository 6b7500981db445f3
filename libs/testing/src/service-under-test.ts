import { DynamicModule, INestApplication } from '@nestjs/common';
import { createKafka, deleteTopicsWithPrefix, ensureTopics } from '@emporium/messaging';
import {
  createServiceApp,
  mintToken,
  platformDefaults,
  Principal,
  Role,
  runMigrations,
  ServiceConfig,
} from '@emporium/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, MigrationInterface } from 'typeorm';
import { testInfrastructure, TestRun } from './test-run';

export interface ServiceRecipe<C extends ServiceConfig> {
  name: string;
  loadConfig(env: Record<string, string | undefined>): C;
  module(config: C): DynamicModule;
  migrations: (new () => MigrationInterface)[];
}

export interface RunningService<C extends ServiceConfig = ServiceConfig> {
  app: INestApplication;
  url: string;
  config: C;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** Settings every service under test gets: its run's prefix, quiet logs, quick retries. */
export function testEnv(run: TestRun, service: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ...platformDefaults(service, 0),
    DATABASE_URL: run.databaseUrl(service),
    KAFKA_BROKERS: testInfrastructure.brokers.join(','),
    KAFKA_TOPIC_PREFIX: run.topicPrefix,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
    EVENT_RETRY_BASE_DELAY_MS: '20',
    EVENT_MAX_ATTEMPTS: '3',
    // The public development secret and loopback; no rate limits, so suites and benchmarks are not throttled.
    EMPORIUM_DEV_MODE: 'true',
    RATE_LIMIT_PER_IP_PER_MINUTE: '0',
    RATE_LIMIT_PER_PRINCIPAL_PER_MINUTE: '0',
    ...overrides,
  };
}

const migrated = new Set<string>();

/** Creates the service's database for this run and migrates it, once; returns its URL. */
export async function prepareDatabase(
  run: TestRun,
  recipe: Pick<ServiceRecipe<ServiceConfig>, 'name' | 'migrations'>,
): Promise<string> {
  const databaseUrl = run.databaseUrl(recipe.name);
  if (!migrated.has(databaseUrl)) {
    await run.createDatabase(recipe.name);
    await runMigrations(databaseUrl, recipe.migrations);
    migrated.add(databaseUrl);
  }
  return databaseUrl;
}

/** Prepares the service's database (once) and starts the app on a free port. */
export async function startService<C extends ServiceConfig>(
  run: TestRun,
  recipe: ServiceRecipe<C>,
  overrides: Record<string, string> = {},
): Promise<RunningService<C>> {
  await prepareDatabase(run, recipe);
  const config = recipe.loadConfig(testEnv(run, recipe.name, overrides));
  const app = await createServiceApp(recipe.module(config), recipe.name);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url, config, dataSource: app.get(DataSource), close: () => app.close() };
}

/** Topics for this run (all of the platform's, prefixed), and their removal afterwards. */
export async function createRunTopics(run: TestRun): Promise<void> {
  await ensureTopics(createKafka('emporium-test-admin', testInfrastructure.brokers), run.topicPrefix);
}

export async function deleteRunTopics(run: TestRun): Promise<void> {
  await deleteTopicsWithPrefix(createKafka('emporium-test-admin', testInfrastructure.brokers), run.topicPrefix);
}

/** A bearer token signed with the development secret that services under test use. */
export function tokenFor(role: Role, subject: string = randomUUID(), extra: Partial<Principal> = {}): string {
  return mintToken(platformDefaults('any', 0).JWT_SECRET, { subject, roles: [role], ...extra });
}
