import { DataSource, MigrationInterface } from 'typeorm';

/** Runs a service's migrations against a database: the `migrate` step of a deploy, and of each test run. */
export async function runMigrations(
  databaseUrl: string,
  migrations: (new () => MigrationInterface)[],
): Promise<string[]> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: databaseUrl,
    migrations,
    migrationsTransactionMode: 'each',
  });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations();
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}
