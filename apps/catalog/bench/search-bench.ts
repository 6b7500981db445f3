/**
 * Search benchmark (not a test): seeds 100,000 listed products into a fresh catalog database, starts the
 * catalog service as its own process (as in production: telemetry, JSON logs, the real HTTP stack) and
 * times typical searches through GET /search. Prints p50/p95/p99 per kind of search and overall.
 *   npm run bench:search                                   (PRODUCTS=100000 REQUESTS=2000 CONCURRENCY=4)
 *   PRODUCTS=20000 REQUESTS=500 npm run bench:search
 *
 * Products are seeded with SQL (one INSERT ... SELECT), not through the API: the benchmark measures
 * search, and 100,000 API round trips would only measure product creation. The seeded rows are what the
 * listing workflow leaves behind (status LISTED, the search vector, the typo dictionary).
 */
import { runMigrations } from '@emporium/platform';
import { testEnv, TestRun } from '@emporium/testing';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { migrations } from '../src/database';

const PRODUCTS = Number(process.env.PRODUCTS ?? 100_000);
const REQUESTS = Number(process.env.REQUESTS ?? 2000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 4);
const repoRoot = path.resolve(__dirname, '../../..');

const BRANDS = ['Sonora', 'Acoustix', 'Nordlicht', 'Green Threads', 'Kettle & Co', 'Alpenglow', 'Bricktown', 'Lumen', 'Fjordline', 'Terracotta', 'Vantage', 'Pinecrest', 'Orbital', 'Harbor', 'Quillon', 'Saffron', 'Basalt', 'Moss & Stone', 'Tidewater', 'Copperleaf', 'Ironbark', 'Solstice', 'Brightwell', 'Cobalt', 'Driftwood', 'Ember', 'Foxglove', 'Granite', 'Hollow Oak', 'Juniper'];
const ADJECTIVES = ['wireless', 'portable', 'organic', 'waterproof', 'lightweight', 'ergonomic', 'vintage', 'compact', 'premium', 'classic', 'rechargeable', 'adjustable', 'foldable', 'insulated', 'handmade', 'stainless', 'bamboo', 'leather', 'cotton', 'ceramic', 'smart', 'solar', 'magnetic', 'modular', 'heated', 'cordless', 'acoustic', 'digital', 'natural', 'recycled'];
const NOUNS = ['headphones', 'speaker', 'backpack', 'kettle', 'lamp', 'jacket', 'sneakers', 'blender', 'notebook', 'keyboard', 'monitor', 'blanket', 'teapot', 'wallet', 'sunglasses', 'umbrella', 'thermos', 'toaster', 'microphone', 'charger', 'tripod', 'camera', 'hoodie', 'scarf', 'watch', 'bicycle', 'helmet', 'tent', 'mattress', 'pillow', 'skillet', 'grinder', 'router', 'printer', 'tablet', 'earbuds', 'candle', 'vase', 'planter', 'chair'];
const COLOURS = ['black', 'white', 'red', 'navy', 'olive', 'sand', 'grey', 'teal', 'mustard', 'burgundy'];
const FEATURES = ['long battery life', 'fast charging', 'machine washable', 'two year warranty', 'fair trade', 'noise cancelling', 'dishwasher safe', 'travel friendly', 'water resistant', 'low energy'];

interface Scenario {
  name: string;
  query: () => Record<string, string | number>;
}

async function main() {
  execFileSync('bash', [path.join(repoRoot, 'infra/scripts/infra.sh'), 'up'], { stdio: 'inherit' });
  const run = new TestRun();
  const databaseUrl = await run.createDatabase('catalog');
  let service: ChildProcess | undefined;
  try {
    await runMigrations(databaseUrl, migrations);
    const seeded = await seed(databaseUrl);
    const categories = seeded.topCategories;

    const port = await freePort();
    const env = testEnv(run, 'catalog', { PORT: String(port), LOG_LEVEL: 'warn', OUTBOX_RELAY_ENABLED: 'false', EVENT_CONSUMER_ENABLED: 'false' });
    service = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/catalog/src/main.ts'], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
    const base = `http://127.0.0.1:${port}`;
    await waitUntilLive(base);

    const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)];
    const typo = (word: string) => {
      const at = 1 + Math.floor(Math.random() * (word.length - 2));
      return word.slice(0, at) + word.slice(at + 1);
    };
    const scenarios: Scenario[] = [
      { name: 'one word', query: () => ({ q: pick(NOUNS) }) },
      { name: 'two words', query: () => ({ q: `${pick(ADJECTIVES)} ${pick(NOUNS)}` }) },
      { name: 'one-letter typo', query: () => ({ q: typo(pick(NOUNS)) }) },
      { name: 'words + price range, by price', query: () => ({ q: pick(NOUNS), minPrice: 2000, maxPrice: 8000, sort: 'price_asc' }) },
      { name: 'category subtree, by price', query: () => ({ categoryId: pick(categories), sort: 'price_asc' }) },
      { name: 'brand + min rating, best-selling', query: () => ({ brand: pick(BRANDS), minRating: 4, sort: 'best_selling' }) },
      { name: 'newest, no words', query: () => ({ sort: 'newest' }) },
    ];

    const searchOnce = async (scenario: Scenario) => {
      const params = new URLSearchParams(Object.entries(scenario.query()).map(([k, v]): [string, string] => [k, String(v)]));
      const started = performance.now();
      const response = await fetch(`${base}/search?${params}`);
      const body = (await response.json()) as { items: unknown[] };
      const ms = performance.now() - started;
      if (!response.ok) throw new Error(`${scenario.name}: ${response.status} ${JSON.stringify(body)}`);
      return { ms, hits: body.items.length };
    };

    // Warm the caches and the JIT, as a running service would be.
    for (let i = 0; i < 200; i += 1) await searchOnce(scenarios[i % scenarios.length]);

    const sequential = await load(scenarios, searchOnce, Math.ceil(REQUESTS / 4), 1);
    const concurrent = await load(scenarios, searchOnce, REQUESTS, CONCURRENCY);

    console.log(`\nCatalog search: ${PRODUCTS.toLocaleString('en')} listed products (seeded in ${seeded.seconds.toFixed(0)} s, ${seeded.terms} dictionary words)`);
    console.log(`machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}; service, PostgreSQL and load generator share it`);
    for (const result of [sequential, concurrent]) {
      console.log(`\n${result.concurrency === 1 ? 'one request at a time' : `${result.concurrency} concurrent clients`}: ${result.total} requests, ${(result.total / result.seconds).toFixed(0)} searches/s`);
      console.log(`  ${'search'.padEnd(36)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)}  hits/page`);
      for (const [name, samples] of result.byScenario) {
        const ms = samples.map((s) => s.ms);
        const hits = samples.reduce((sum, s) => sum + s.hits, 0) / samples.length;
        console.log(`  ${name.padEnd(36)} ${fmt(percentile(ms, 50))} ${fmt(percentile(ms, 95))} ${fmt(percentile(ms, 99))}  ${hits.toFixed(1)}`);
      }
      const all = [...result.byScenario.values()].flat().map((s) => s.ms);
      console.log(`  ${'all'.padEnd(36)} ${fmt(percentile(all, 50))} ${fmt(percentile(all, 95))} ${fmt(percentile(all, 99))}`);
    }
    console.log('');
  } finally {
    service?.kill('SIGTERM');
    if (!process.env.KEEP_DB) await run.dropDatabases();
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

/** 100,000 listed products in one statement, spread over a three-level category tree and 200 merchants. */
async function seed(databaseUrl: string) {
  const started = performance.now();
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  // A minute or more on a busy machine: say what is happening every few seconds.
  let phase = 'categories';
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  console.log(`[bench] seeding ${PRODUCTS.toLocaleString('en')} listed products with SQL ...`);
  const ticker = setInterval(() => console.log(`[bench]   ${elapsed()}: ${phase}`), 5000);
  try {
    await client.query(`SELECT setseed(0.42)`);
    // 6 top-level categories, 4 children each, 3 grandchildren each: 72 leaves.
    const top = await client.query(
      `INSERT INTO categories (id, parent_id, name, path) SELECT id, NULL, 'Top ' || n, '/' || id || '/' FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, 6) n) t RETURNING id, path`,
    );
    await client.query(
      `INSERT INTO categories (id, parent_id, name, path)
       SELECT id, parent, 'Mid ' || n, path || id || '/' FROM (SELECT gen_random_uuid() AS id, c.id AS parent, c.path, n FROM categories c, generate_series(1, 4) n) t RETURNING id, path`,
    );
    await client.query(
      `INSERT INTO categories (id, parent_id, name, path)
       SELECT id, parent, 'Leaf ' || n, path || id || '/' FROM (SELECT gen_random_uuid() AS id, c.id AS parent, c.path, n FROM categories c CROSS JOIN generate_series(1, 3) n WHERE c.name LIKE 'Mid %') t`,
    );
    phase = `inserting ${PRODUCTS.toLocaleString('en')} products (one statement)`;
    await client.query(
      `INSERT INTO products (id, merchant_id, title, description, brand, category_id, attributes, images, status, min_price, currency,
                             rating_count, rating_sum, rating_average, units_sold, listed_at, created_at)
       SELECT gen_random_uuid(), merchants[1 + floor(random() * 200)::int],
              initcap(adj) || ' ' || colour || ' ' || noun || ' ' || (1 + floor(random() * 900))::int,
              'A ' || adj || ' ' || noun || ' with ' || feature || '. ' || initcap(feature2) || ', made by ' || brand || '.',
              brand, leaves[1 + floor(random() * array_length(leaves, 1))::int], '{}'::jsonb,
              jsonb_build_array(jsonb_build_object('url', 'https://img.example/' || i || '.jpg', 'altText', noun, 'main', true)),
              'LISTED', 500 + floor(random() * 30000)::int * 10, 'EUR',
              rating_count, round(rating_count * (1 + random() * 4))::int, 0, floor(random() * random() * 5000)::int,
              now() - random() * interval '365 days', now() - interval '366 days'
       FROM (
         SELECT i,
                ($1::text[])[1 + floor(random() * array_length($1::text[], 1))::int] AS adj,
                ($2::text[])[1 + floor(random() * array_length($2::text[], 1))::int] AS noun,
                ($3::text[])[1 + floor(random() * array_length($3::text[], 1))::int] AS colour,
                ($4::text[])[1 + floor(random() * array_length($4::text[], 1))::int] AS brand,
                ($5::text[])[1 + floor(random() * array_length($5::text[], 1))::int] AS feature,
                ($5::text[])[1 + floor(random() * array_length($5::text[], 1))::int] AS feature2,
                floor(random() * 60)::int AS rating_count,
                (SELECT array_agg(id) FROM categories WHERE name LIKE 'Leaf %') AS leaves,
                (SELECT array_agg(gen_random_uuid()) FROM generate_series(1, 200)) AS merchants
         FROM generate_series(1, $6::int) i
       ) g`,
      [ADJECTIVES, NOUNS, COLOURS, BRANDS, FEATURES, PRODUCTS],
    );
    phase = 'rating averages';
    await client.query(`UPDATE products SET rating_average = CASE WHEN rating_count = 0 THEN 0 ELSE rating_sum::real / rating_count END`);
    phase = 'the typo dictionary';
    // The typo dictionary, as listing fills it: the words of titles and brands.
    await client.query(
      `INSERT INTO search_terms (term)
       SELECT DISTINCT w FROM products, regexp_split_to_table(lower(title || ' ' || brand), '[^[:alnum:]]+') w
       WHERE length(w) >= 3 AND w !~ '^[0-9]+$' ON CONFLICT DO NOTHING`,
    );
    phase = 'VACUUM ANALYZE';
    await client.query(`VACUUM ANALYZE products`);
    await client.query(`ANALYZE search_terms`);
    const terms = (await client.query(`SELECT count(*)::int AS n FROM search_terms`)).rows[0].n;
    console.log(`[bench] seeded in ${elapsed()}`);
    return { seconds: (performance.now() - started) / 1000, terms, topCategories: top.rows.map((row) => row.id as string) };
  } finally {
    clearInterval(ticker);
    await client.end();
  }
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
