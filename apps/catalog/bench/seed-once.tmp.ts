import { runMigrations } from '@emporium/platform';
import { Client } from 'pg';
import { migrations } from '../src/database';
import { seedCatalogue } from './catalogue';
async function main() {
  const db = process.argv[2]; const n = Number(process.argv[3]);
  const admin = new Client({ connectionString: 'postgresql://emporium:emporium@127.0.0.1:5432/postgres' });
  await admin.connect(); await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`); await admin.query(`CREATE DATABASE ${db}`); await admin.end();
  const url = `postgresql://emporium:emporium@127.0.0.1:5432/${db}`;
  await runMigrations(url, migrations);
  const c = new Client({ connectionString: url }); await c.connect();
  const r = await seedCatalogue(c, n, (l) => console.log(l));
  await c.query(`CREATE TABLE bench_seed (products int NOT NULL, terms int NOT NULL)`);
  await c.query(`INSERT INTO bench_seed VALUES ($1, $2)`, [n, r.terms]);
  console.log(r); await c.end();
}
main().catch((e) => { console.error(e); process.exit(1); });
