/**
 * bench:orders — the whole order path as `npm start` runs it, under open-loop load.
 *
 *   npm run bench:orders                      (RATES=25,100,250,500 DURATION_S=15 by default)
 *   RATES=25,500 DURATION_S=20 npm run bench:orders
 *
 * Starts the platform if it is not running (`infra/scripts/platform.sh up`, no demo seed), receives a large
 * stock of one bench SKU, then for each rate sends POST /orders at fixed intervals whatever the answers
 * (open loop: a slow server does not slow the arrivals down), waits for every order to settle, and reads
 * each order's timeline from the orders database: placed→CONFIRMED is the CONFIRMED entry's time minus the
 * PENDING entry's. It prints POST latency, placed→CONFIRMED p50/p95/p99, confirmed/s, errors, and the CPU
 * each process used (services, Kafka, PostgreSQL, and this load generator) as a share of one core.
 *
 * A benchmark, not a test: it prints figures and passes no judgement. Traffic goes to 127.0.0.1 only,
 * and every phase stops by itself.
 */
import { ProductCreated, ProductListed, SkuAdded, Topics } from '@emporium/contracts';
import { mintToken, platformDefaults } from '@emporium/platform';
import { cpuBetween, cpuSnapshot, eventMessage, publishRaw } from '@emporium/testing';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { Agent, request } from 'node:http';
import * as path from 'node:path';
import { Client } from 'pg';

const repoRoot = path.resolve(__dirname, '../..');
const RATES = (process.env.RATES ?? '25,100,250,500').split(',').map(Number);
const DURATION_S = Number(process.env.DURATION_S ?? 15);
const WARMUP_RATE = Number(process.env.WARMUP_RATE ?? 20);
const SETTLE_TIMEOUT_S = Number(process.env.SETTLE_TIMEOUT_S ?? 60);
const MAX_IN_FLIGHT = 2_000;
const ORDERS = { host: '127.0.0.1', port: 3004 };
const INVENTORY = { host: '127.0.0.1', port: 3003 };
const ORDERS_DB = process.env.ORDERS_DATABASE_URL ?? platformDefaults('orders', 0).DATABASE_URL;
const secret = process.env.JWT_SECRET ?? platformDefaults('any', 0).JWT_SECRET;
const token = mintToken(secret, { subject: randomUUID(), roles: ['ops'] }, 4 * 3600);
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

interface Sent {
  ms: number;
  status: number;
  orderId?: string;
}

function post(
  target: { host: string; port: number },
  pathname: string,
  body: unknown,
): Promise<{ status: number; json: unknown; ms: number }> {
  const payload = JSON.stringify(body);
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(
      {
        ...target,
        path: pathname,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
          authorization: `Bearer ${token}`,
          'idempotency-key': randomUUID(),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          let json: unknown;
          try {
            json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, json, ms: performance.now() - started });
        });
      },
    );
    req.on('error', () => resolve({ status: 0, json: undefined, ms: performance.now() - started }));
    req.setTimeout(30_000, () => req.destroy());
    req.end(payload);
  });
}

/** The platform's processes (pid files of `npm start`), Kafka and this load generator. */
function platformCpu() {
  const processes: [string, number][] = [];
  const runDir = path.join(repoRoot, '.data/run');
  if (existsSync(runDir))
    for (const file of readdirSync(runDir).filter((f) => f.endsWith('.pid')))
      processes.push([file.replace(/\.pid$/, ''), Number(readFileSync(path.join(runDir, file), 'utf8'))]);
  const kafkaPid = path.join(repoRoot, '.data/kafka/kafka.pid');
  if (existsSync(kafkaPid)) processes.push(['kafka', Number(readFileSync(kafkaPid, 'utf8'))]);
  processes.push(['load generator', process.pid]);
  return cpuSnapshot(processes);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function ensurePlatform(): Promise<void> {
  const up = await post(ORDERS, '/orders', {}).then((r) => r.status > 0);
  if (up) return;
  console.log('platform not running: starting it (infra/scripts/platform.sh up, SEED=false) ...');
  execFileSync('bash', [path.join(repoRoot, 'infra/scripts/platform.sh'), 'up'], {
    stdio: 'inherit',
    env: { ...process.env, SEED: 'false' },
  });
}

const BENCH_ADDRESS = {
  country: 'DE',
  region: 'EU-DE',
  postalCode: '20095',
  city: 'Hamburg',
  line1: 'Mönckebergstraße 7',
};

async function phase(rate: number, sku: string, db: Client) {
  const total = Math.round(rate * DURATION_S);
  const interval = 1000 / rate;
  const sent: Promise<Sent>[] = [];
  let inFlight = 0;
  let shed = 0;
  const cpuBefore = platformCpu();
  const wallStart = performance.now();
  for (let i = 0; i < total; i++) {
    const due = wallStart + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    if (inFlight >= MAX_IN_FLIGHT) {
      shed++;
      continue;
    }
    inFlight++;
    sent.push(
      post(ORDERS, '/orders', {
        customerId: randomUUID(),
        currency: 'EUR',
        lines: [{ sku, quantity: 1 }],
        shippingAddress: BENCH_ADDRESS,
        deliveryOption: 'STANDARD',
        payment: { method: 'CARD', cardToken: 'tok_sandbox_visa' },
      }).then((r) => {
        inFlight--;
        return { ms: r.ms, status: r.status, orderId: (r.json as { id?: string } | undefined)?.id };
      }),
    );
  }
  const results = await Promise.all(sent);
  const sendSeconds = (performance.now() - wallStart) / 1000;
  const ids = results.filter((r) => r.status === 201 && r.orderId).map((r) => r.orderId!);

  // Settle: every order has left PENDING (or the timeout says something is stuck).
  const settleDeadline = Date.now() + SETTLE_TIMEOUT_S * 1000;
  let pending = ids.length;
  while (Date.now() < settleDeadline) {
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM orders WHERE id = ANY($1::uuid[]) AND status = 'PENDING'`,
      [ids],
    );
    pending = rows[0].n;
    if (pending === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const cpuAfter = platformCpu();
  const wallSeconds = (performance.now() - wallStart) / 1000;

  const { rows } = await db.query(
    `SELECT extract(epoch FROM c.at - p.at) * 1000 AS ms, extract(epoch FROM c.at) AS confirmed_at
       FROM order_status_changes p JOIN order_status_changes c ON c.order_id = p.order_id AND c.status = 'CONFIRMED'
      WHERE p.order_id = ANY($1::uuid[]) AND p.status = 'PENDING'`,
    [ids],
  );
  const confirmMs = rows.map((row) => Number(row.ms)).sort((a, b) => a - b);
  const confirmedAt = rows.map((row) => Number(row.confirmed_at)).sort((a, b) => a - b);
  const postMs = results.map((r) => r.ms).sort((a, b) => a - b);
  const errors = results.filter((r) => r.status !== 201).length + shed;
  const confirmedSpan = confirmedAt.length > 1 ? confirmedAt[confirmedAt.length - 1] - confirmedAt[0] : 0;
  // CPU per confirmed order holds on a busy machine where shares and latencies do not.
  const cpu = cpuBetween(cpuBefore, cpuAfter, wallSeconds, confirmMs.length);
  return {
    rate,
    sent: results.length,
    sendSeconds,
    postP50: percentile(postMs, 50),
    postP99: percentile(postMs, 99),
    confirmed: confirmMs.length,
    pending,
    confirmP50: percentile(confirmMs, 50),
    confirmP95: percentile(confirmMs, 95),
    confirmP99: percentile(confirmMs, 99),
    confirmedPerSecond:
      confirmedSpan > 0 ? confirmMs.length / Math.max(confirmedSpan, DURATION_S * 0.9) : confirmMs.length / DURATION_S,
    errors,
    cpu,
  };
}

/** catalog's three events for a listed product with one SKU at 15.00 EUR, straight onto the platform's topic. */
async function announceListing(sku: string): Promise<void> {
  const productId = randomUUID();
  const merchantId = randomUUID();
  const categoryId = randomUUID();
  const now = new Date().toISOString();
  await publishRaw(Topics.catalogProduct, [
    eventMessage(ProductCreated, {
      productId,
      merchantId,
      status: 'DRAFT',
      title: 'Bench product',
      categoryId,
      createdAt: now,
    }),
    eventMessage(SkuAdded, {
      productId,
      merchantId,
      sku,
      options: {},
      price: 1500,
      currency: 'EUR',
      weightGrams: 500,
      dimensions: { lengthMm: 200, widthMm: 150, heightMm: 100 },
      addedAt: now,
    }),
    eventMessage(ProductListed, {
      productId,
      merchantId,
      status: 'LISTED',
      title: 'Bench product',
      categoryId,
      skus: [{ sku, price: 1500, currency: 'EUR' }],
      actor: 'bench',
      listedAt: now,
    }),
  ]);
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function main() {
  await ensurePlatform();
  const sku = `BENCH-${Date.now().toString(36).toUpperCase()}`;
  const receipt = await post(INVENTORY, '/stock/receipts', { sku, warehouseId: 'MAIN', quantity: 1_000_000 });
  if (receipt.status !== 201)
    throw new Error(`stock receipt failed: ${receipt.status} ${JSON.stringify(receipt.json)}`);
  const db = new Client({ connectionString: ORDERS_DB });
  await db.connect();
  const marketingDb = new Client({ connectionString: platformDefaults('marketing', 0).DATABASE_URL });
  await marketingDb.connect();
  // The bench SKU is announced the way catalog announces a listing (created, sku-added, listed on
  // catalog.product.v1), so every service that prices or ships it learns it from the same events: orders'
  // sellable read model, marketing's prices (checkout asks marketing for a quote) and logistics' weights.
  // A real listing also needs a merchant, a product review and an approval, which this bench does not measure.
  await announceListing(sku);
  await waitFor('orders and marketing to know the bench SKU', async () => {
    const [sellable] = (await db.query(`SELECT 1 FROM sellable_skus WHERE sku = $1 AND price = 1500`, [sku])).rows;
    const [priced] = (await marketingDb.query(`SELECT 1 FROM sku_prices WHERE sku = $1`, [sku])).rows;
    return Boolean(sellable && priced);
  });
  console.log(
    `bench:orders — open-loop POST /orders at ${RATES.join(', ')}/s for ${DURATION_S}s each, SKU ${sku}, ${new Date().toISOString()}`,
  );
  // Warm-up: JIT, connection pools, consumer fetch sessions.
  await phase(WARMUP_RATE, sku, db);
  const results = [];
  for (const rate of RATES) {
    const result = await phase(rate, sku, db);
    results.push(result);
    const cpu = result.cpu
      .filter((c) => c.share > 0.005)
      .map((c) => `${c.name} ${(c.share * 100).toFixed(0)}% (${c.msPerUnit.toFixed(1)} ms/order)`)
      .join(', ');
    console.log(
      `${String(rate).padStart(4)}/s  sent ${result.sent} in ${result.sendSeconds.toFixed(1)}s | POST p50 ${result.postP50.toFixed(0)} ms p99 ${result.postP99.toFixed(0)} ms | ` +
        `placed→CONFIRMED p50 ${result.confirmP50.toFixed(0)} p95 ${result.confirmP95.toFixed(0)} p99 ${result.confirmP99.toFixed(0)} ms | ` +
        `${result.confirmedPerSecond.toFixed(0)} confirmed/s | errors ${result.errors} | still pending ${result.pending}\n        CPU (share of one core, CPU ms per confirmed order): ${cpu}`,
    );
  }
  console.log('\n| arrival rate | POST p50 / p99 | placed→CONFIRMED p50 / p95 / p99 | confirmed/s | errors |');
  console.log('|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.rate}/s | ${r.postP50.toFixed(0)} / ${r.postP99.toFixed(0)} ms | ${r.confirmP50.toFixed(0)} / ${r.confirmP95.toFixed(0)} / ${r.confirmP99.toFixed(0)} ms | ${r.confirmedPerSecond.toFixed(0)} | ${r.errors}${r.pending ? ` (+${r.pending} pending)` : ''} |`,
    );
  }
  await db.end();
  await marketingDb.end();
  agent.destroy();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
