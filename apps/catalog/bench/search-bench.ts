/**
 * Search benchmark (not a test): seeds listed products (bench/catalogue.ts), starts the catalog service
 * as its own process (as in production: telemetry, JSON logs, the real HTTP stack) and times typical
 * searches and suggestions through the HTTP API, one client and CONCURRENCY clients. Prints p50/p95/p99
 * per kind of request, and recall@10 / NDCG@10 of the labelled queries (bench/relevance.ts).
 *   npm run bench:search                                    (PRODUCTS=100000 REQUESTS=2000 CONCURRENCY=4)
 *   PRODUCTS=1000000 CONCURRENCY=8 npm run bench:search
 *   SEARCH_BENCH_DB=bench_search_1m PRODUCTS=1000000 CONCURRENCY=8 npm run bench:search
 * Also: WARMUP (1,000 requests: the service's first thousand run slower while V8 compiles them), UNCACHED_PER_SEARCH (10 per kind of search, for the no-cache phase),
 * PROFILE_DIR (each catalog process writes a V8 CPU profile there when the bench ends).
 *
 * With SEARCH_BENCH_DB the seeded database is kept under that name and reused by the next run with the
 * same PRODUCTS (seeding a million products takes minutes); without it, a fresh database is seeded and
 * dropped. `SEARCH_BENCH_DB=... RESEED=1` seeds again.
 *
 * The timed searches ask for no facets (the default). A second service, without the facet cache, times
 * each kind of search with facets=true, one request at a time: what facet counts cost at this size.
 */
import { runMigrations } from '@emporium/platform';
import { benchRuntime, cpuBetween, cpuSnapshot, testEnv, testInfrastructure, TestRun } from '@emporium/testing';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { migrations } from '../src/database';
import { ADJECTIVES, BRANDS, NOUNS, seedCatalogue, topCategories } from './catalogue';
import { evaluateRelevance, RELEVANCE_QUERIES } from './relevance';

const PRODUCTS = Number(process.env.PRODUCTS ?? 100_000);
const REQUESTS = Number(process.env.REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 4);
const WARMUP = Number(process.env.WARMUP ?? 1000);
const UNCACHED_PER_SEARCH = Number(process.env.UNCACHED_PER_SEARCH ?? 10);
const KEPT_DATABASE = process.env.SEARCH_BENCH_DB;
const PROFILE_DIR = process.env.PROFILE_DIR;
const repoRoot = path.resolve(__dirname, '../../..');

interface Scenario {
  name: string;
  path: string;
  query: () => Record<string, string | number>;
}

async function main() {
  execFileSync('bash', [path.join(repoRoot, 'infra/scripts/infra.sh'), 'up'], { stdio: 'inherit' });
  const run = new TestRun();
  const { databaseUrl, seeded, categories } = await prepareDatabase(run);
  const services: ChildProcess[] = [];
  const startCatalog = async (facetCacheSeconds: string): Promise<{ base: string; pid?: number }> => {
    const port = await freePort();
    const env = testEnv(run, 'catalog', {
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'warn',
      OUTBOX_RELAY_ENABLED: 'false',
      EVENT_CONSUMER_ENABLED: 'false',
      ...(facetCacheSeconds ? { CATALOG_SEARCH_FACET_CACHE_SECONDS: facetCacheSeconds } : {}),
    });
    const profile = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(PROFILE_DIR)}`] : [];
    const service = spawn(process.execPath, [...profile, '-r', '@swc-node/register', 'apps/catalog/src/main.ts'], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    services.push(service);
    const base = `http://127.0.0.1:${port}`;
    await waitUntilLive(base);
    return { base, pid: service.pid };
  };
  try {
    const catalog = await startCatalog(process.env.FACET_CACHE_SECONDS ?? '');
    const uncachedCatalog = await startCatalog('0');
    const base = catalog.base;
    // Where each request's CPU goes: PostgreSQL, the catalog service (the one the phase calls), this process.
    const cpuOf = (service: { pid?: number }) =>
      cpuSnapshot([
        ['catalog', service.pid],
        ['load generator', process.pid],
      ]);

    const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)];
    const typo = (word: string) => {
      const at = 1 + Math.floor(Math.random() * (word.length - 2));
      return word.slice(0, at) + word.slice(at + 1);
    };
    const categoryIds = Object.values(categories);
    const scenarios: Scenario[] = [
      { name: 'one word', path: '/search', query: () => ({ q: pick(NOUNS) }) },
      { name: 'two words', path: '/search', query: () => ({ q: `${pick(ADJECTIVES)} ${pick(NOUNS)}` }) },
      { name: 'one-letter typo', path: '/search', query: () => ({ q: typo(pick(NOUNS)) }) },
      {
        name: 'words + price range, by price',
        path: '/search',
        query: () => ({ q: pick(NOUNS), minPrice: 2000, maxPrice: 8000, sort: 'price_asc' }),
      },
      {
        name: 'category subtree, by price',
        path: '/search',
        query: () => ({ categoryId: pick(categoryIds), sort: 'price_asc' }),
      },
      {
        name: 'brand + min rating, best-selling',
        path: '/search',
        query: () => ({ brand: pick(BRANDS), minRating: 4, sort: 'best_selling' }),
      },
      { name: 'newest, no words', path: '/search', query: () => ({ sort: 'newest' }) },
      {
        name: 'suggest (prefix)',
        path: '/search/suggest',
        query: () => ({ q: pick(NOUNS).slice(0, 3 + Math.floor(Math.random() * 3)) }),
      },
      {
        name: 'suggest (typo)',
        path: '/search/suggest',
        query: () => ({ q: typo(pick([...NOUNS, ...BRANDS.map((b) => b.toLowerCase())])) }),
      },
    ];

    const withFacets = scenarios
      .filter((scenario) => scenario.path === '/search')
      .map((scenario) => ({ ...scenario, query: () => ({ ...scenario.query(), facets: 'true' }) }));
    const searchOn = (serviceBase: string) => async (scenario: Scenario) => {
      const params = new URLSearchParams(
        Object.entries(scenario.query()).map(([k, v]): [string, string] => [k, String(v)]),
      );
      const started = performance.now();
      const response = await get(`${serviceBase}${scenario.path}?${params}`);
      const ms = performance.now() - started;
      const body = JSON.parse(response.body) as { items?: unknown[]; suggestions?: unknown[] };
      if (response.status !== 200) throw new Error(`${scenario.name}: ${response.status} ${response.body}`);
      return { ms, hits: (body.items ?? body.suggestions ?? []).length };
    };
    const searchOnce = searchOn(base);

    console.log('warming up');
    for (let i = 0; i < WARMUP; i += 1) await searchOnce(scenarios[i % scenarios.length]);

    console.log('relevance: labelled queries');
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    const relevance = await evaluateRelevance(client, async (q) => {
      const response = await fetch(`${base}/search?${new URLSearchParams({ q, limit: '10' })}`);
      if (!response.ok) throw new Error(`relevance ${q}: ${response.status}`);
      return ((await response.json()) as { items: { id: string }[] }).items.map((item) => item.id);
    });
    await client.end();
    console.log(
      `relevance over ${RELEVANCE_QUERIES.length} labelled queries (recall@10 of fully relevant products, NDCG@10 with graded gains):`,
    );
    for (const [kind, figures] of relevance.byKind)
      console.log(
        `  ${kind.padEnd(24)} recall@10 ${figures.recall.toFixed(3)}  NDCG@10 ${figures.ndcg.toFixed(3)}  (${figures.queries} queries)`,
      );
    console.log(`  ${'all'.padEnd(24)} recall@10 ${relevance.recall.toFixed(3)}  NDCG@10 ${relevance.ndcg.toFixed(3)}`);

    console.log(
      `\nCatalog search: ${seeded.products.toLocaleString('en')} listed products (${seeded.seconds === null ? 'reused database' : `seeded in ${seeded.seconds.toFixed(0)} s`}, ${seeded.terms} dictionary words)`,
    );
    console.log(
      `machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown cpu'}, ${benchRuntime()}; service, PostgreSQL and load generator share it`,
    );
    // Each phase prints as it ends: at a million products on a shared machine, a run takes many minutes.
    const phases: [string, typeof catalog, () => ReturnType<typeof load>][] = [
      [`${CONCURRENCY} concurrent clients`, catalog, () => load(scenarios, searchOnce, REQUESTS, CONCURRENCY)],
      ['one request at a time', catalog, () => load(scenarios, searchOnce, Math.ceil(REQUESTS / 4), 1)],
      [
        'with facets=true, computed every time (no cache), one request at a time',
        uncachedCatalog,
        () => load(withFacets, searchOn(uncachedCatalog.base), 7 * UNCACHED_PER_SEARCH, 1),
      ],
    ];
    for (const [title, service, phase] of phases) {
      const cpuBefore = cpuOf(service);
      const result = await phase();
      const cpu = cpuBetween(cpuBefore, cpuOf(service), result.seconds, result.total);
      console.log(`\n${title}: ${result.total} requests, ${(result.total / result.seconds).toFixed(0)} requests/s`);
      console.log(
        `  CPU ms per request (share of one core): ${cpu.map((c) => `${c.name} ${c.msPerUnit.toFixed(1)} (${(c.share * 100).toFixed(0)}%)`).join(', ')}`,
      );
      console.log(`  ${'request'.padEnd(36)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)}  hits`);
      for (const [name, samples] of result.byScenario) {
        const ms = samples.map((s) => s.ms);
        const hits = samples.reduce((sum, s) => sum + s.hits, 0) / samples.length;
        console.log(
          `  ${name.padEnd(36)} ${fmt(percentile(ms, 50))} ${fmt(percentile(ms, 95))} ${fmt(percentile(ms, 99))}  ${hits.toFixed(1)}`,
        );
      }
      const all = [...result.byScenario.values()].flat().map((s) => s.ms);
      console.log(
        `  ${'all'.padEnd(36)} ${fmt(percentile(all, 50))} ${fmt(percentile(all, 95))} ${fmt(percentile(all, 99))}`,
      );
    }
    console.log('');
  } finally {
    for (const service of services) service.kill('SIGTERM');
    if (!KEPT_DATABASE) await run.dropDatabases();
  }
}

/** A fresh seeded database, or the kept one (SEARCH_BENCH_DB) when it already holds PRODUCTS products. */
async function prepareDatabase(run: TestRun) {
  const progress = (line: string) => console.log(`  ${line}`);
  if (!KEPT_DATABASE) {
    const databaseUrl = await run.createDatabase('catalog');
    await runMigrations(databaseUrl, migrations);
    const seeded = await withClient(databaseUrl, (client) => seedCatalogue(client, PRODUCTS, progress));
    return {
      databaseUrl,
      seeded: { ...seeded, seconds: seeded.seconds as number | null },
      categories: seeded.topCategories,
    };
  }
  if (!/^[a-z0-9_]+$/.test(KEPT_DATABASE)) throw new Error('SEARCH_BENCH_DB: lower-case letters, digits and _ only');
  const url = new URL(testInfrastructure.adminDatabaseUrl);
  url.pathname = `/${KEPT_DATABASE}`;
  const databaseUrl = url.toString();
  const admin = new Client({ connectionString: testInfrastructure.adminDatabaseUrl });
  await admin.connect();
  try {
    const exists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [KEPT_DATABASE])).rowCount === 1;
    if (exists && !process.env.RESEED) {
      const marker = await withClient(databaseUrl, async (client) => {
        const table = (await client.query(`SELECT to_regclass('bench_seed') AS t`)).rows[0].t;
        return table
          ? ((await client.query(`SELECT products, terms FROM bench_seed`)).rows[0] as
              { products: number; terms: number } | undefined)
          : undefined;
      });
      if (marker?.products === PRODUCTS) {
        console.log(`reusing ${KEPT_DATABASE} (${PRODUCTS.toLocaleString('en')} products); migrating`);
        await runMigrations(databaseUrl, migrations);
        const categories = await withClient(databaseUrl, topCategories);
        return { databaseUrl, seeded: { products: PRODUCTS, terms: marker.terms, seconds: null }, categories };
      }
    }
    if (exists) await admin.query(`DROP DATABASE "${KEPT_DATABASE}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${KEPT_DATABASE}"`);
  } finally {
    await admin.end();
  }
  console.log(`seeding ${KEPT_DATABASE} with ${PRODUCTS.toLocaleString('en')} products (kept for the next run)`);
  await runMigrations(databaseUrl, migrations);
  const seeded = await withClient(databaseUrl, async (client) => {
    const result = await seedCatalogue(client, PRODUCTS, progress);
    await client.query(`CREATE TABLE bench_seed (products int NOT NULL, terms int NOT NULL)`);
    await client.query(`INSERT INTO bench_seed VALUES ($1, $2)`, [PRODUCTS, result.terms]);
    return result;
  });
  return {
    databaseUrl,
    seeded: { ...seeded, seconds: seeded.seconds as number | null },
    categories: seeded.topCategories,
  };
}

async function withClient<T>(databaseUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function load(
  scenarios: Scenario[],
  searchOnce: (scenario: Scenario) => Promise<{ ms: number; hits: number }>,
  total: number,
  concurrency: number,
) {
  const byScenario = new Map<string, { ms: number; hits: number }[]>(scenarios.map((s) => [s.name, []]));
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const scenario = scenarios[next % scenarios.length];
        next += 1;
        byScenario.get(scenario.name)!.push(await searchOnce(scenario));
      }
    }),
  );
  return { total, concurrency, seconds: (performance.now() - started) / 1000, byScenario };
}

async function waitUntilLive(base: string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${base}/health/live`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the catalog service did not start within 60 s');
}

/**
 * One GET over a keep-alive connection. The load generator shares the cores with the service and
 * PostgreSQL, so it should cost little: node:http takes about half the CPU per request that fetch does.
 */
const keepAlive = new Agent({ keepAlive: true, maxSockets: 64 });
function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { agent: keepAlive }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

function fmt(ms: number): string {
  return `${ms.toFixed(1)} ms`.padStart(8);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
