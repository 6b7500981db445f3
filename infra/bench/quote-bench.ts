/**
 * Checkout quote latency (a benchmark, not a test): `npm run bench:quotes`.
 * marketing's `POST /quotes` (5-line cart, 6 live promotions of different types, one coupon) against a
 * reference in the same run: logistics' `POST /shipping-quotes` for the same cart, the other synchronous
 * call checkout makes. Both services run in this process on the real PostgreSQL and Kafka, on free ports.
 * Sizes: BENCH_QUOTES (default 1000) sequential calls per service after a warm-up, then the same number
 * with BENCH_CONCURRENCY (default 16) in flight.
 */
import { SkuAdded, Topics } from '@emporium/contracts';
import {
  createRunTopics,
  deleteRunTopics,
  eventMessage,
  eventually,
  publishRaw,
  RunningService,
  startService,
  TestRun,
  tokenFor,
} from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import { logisticsRecipe } from '../../apps/logistics/test/logistics.recipe';
import { marketingRecipe } from '../../apps/marketing/test/marketing.recipe';

const N = Number(process.env.BENCH_QUOTES ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const service = `Bearer ${tokenFor('service')}`;
const ops = `Bearer ${tokenFor('ops')}`;

async function post(url: string, body: unknown, auth = service): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json() };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(name: string, call: () => Promise<void>) {
  for (let i = 0; i < 100; i++) await call();
  const latencies: number[] = [];
  const start = performance.now();
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    await call();
    latencies.push(performance.now() - t0);
  }
  const sequentialSeconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  let next = 0;
  const concurrentStart = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < N) await call();
    }),
  );
  const concurrentSeconds = (performance.now() - concurrentStart) / 1000;
  console.log(
    `${name.padEnd(44)} p50 ${percentile(latencies, 50).toFixed(2).padStart(6)} ms  p99 ${percentile(latencies, 99).toFixed(2).padStart(6)} ms  ` +
      `sequential ${(N / sequentialSeconds).toFixed(0).padStart(5)}/s  ${CONCURRENCY} in flight ${(N / concurrentSeconds).toFixed(0).padStart(5)}/s`,
  );
}

async function main() {
  const run = new TestRun();
  await createRunTopics(run);
  const quiet = { LOG_LEVEL: 'error' };
  const marketing: RunningService = await startService(run, marketingRecipe, quiet);
  const logistics: RunningService = await startService(run, logisticsRecipe, quiet);
  try {
    const merchant = randomUUID();
    const skus = Array.from({ length: 5 }, (_, i) => `BENCH-${run.id}-${i}`);
    await publishRaw(
      run.topicPrefix + Topics.catalogProduct,
      skus.map((sku, i) =>
        eventMessage(SkuAdded, {
          productId: randomUUID(),
          merchantId: merchant,
          sku,
          options: {},
          price: 1000 + 750 * i,
          currency: 'EUR',
          weightGrams: 400,
          dimensions: { lengthMm: 200, widthMm: 150, heightMm: 80 },
          addedAt: new Date().toISOString(),
        }),
      ),
    );
    const lines = skus.map((sku, i) => ({ sku, quantity: 1 + (i % 3) }));
    const now = Date.now();
    const promotions = [
      {
        name: 'threshold',
        type: 'THRESHOLD',
        tiers: [
          { minSpend: 5000, amountOff: 500 },
          { minSpend: 10000, amountOff: 1200 },
        ],
      },
      { name: '10% on two SKUs', type: 'PERCENT_OFF', percent: 10, scope: { skus: skus.slice(0, 2) } },
      { name: 'buy 2 get 1', type: 'BUY_X_GET_Y', buy: 2, get: 1, scope: { skus: skus.slice(2) } },
      {
        name: 'flash',
        type: 'FLASH_SALE',
        sku: skus[4],
        salePrice: 2500,
        totalCap: 1_000_000,
        perCustomerCap: 100,
        startsAt: new Date(now - 60_000).toISOString(),
        endsAt: new Date(now + 3_600_000).toISOString(),
      },
      { name: 'tiers', type: 'TIER_DISCOUNT', percentByTier: { GOLD: 5 } },
      { name: 'exclusive 15%', type: 'PERCENT_OFF', percent: 15, stacking: 'EXCLUSIVE' },
      {
        name: 'coupon',
        type: 'THRESHOLD',
        tiers: [{ minSpend: 0, amountOff: 300 }],
        requiresCoupon: true,
        priority: 5,
      },
    ];
    let couponPromotion = '';
    for (const promotion of promotions) {
      const created = await post(`${marketing.url}/promotions`, { currency: 'EUR', ...promotion }, ops);
      if (created.status !== 201) throw new Error(`promotion: ${JSON.stringify(created.json)}`);
      couponPromotion = (created.json as { id: string }).id;
    }
    const code = `BENCH${run.id}`.toUpperCase().slice(0, 40);
    await post(`${marketing.url}/coupons`, { promotionId: couponPromotion, code }, ops);
    const customerId = randomUUID();
    const quoteBody = { customerId, currency: 'EUR', lines, couponCodes: [code], shippingFee: 490 };
    const shippingBody = {
      customerId,
      shippingAddress: { country: 'DE', postalCode: '20095', city: 'Hamburg', line1: 'Mönckebergstraße 7' },
      deliveryOption: 'STANDARD',
      lines,
    };
    await eventually(
      async () =>
        (await post(`${marketing.url}/quotes`, quoteBody)).status === 200 &&
        (await post(`${logistics.url}/shipping-quotes`, shippingBody)).status === 201,
      30_000,
      'both read models',
    );
    const sample = (await post(`${marketing.url}/quotes`, quoteBody)).json as {
      total: number;
      discountTotal: number;
      promotions: unknown[];
    };
    console.log(
      `cart: 5 lines, subtotal 23250, ${JSON.stringify({ discountTotal: sample.discountTotal, total: sample.total, promotionsApplied: sample.promotions.length })}; ${N} calls per row (node ${process.version})`,
    );

    await measure('reference: logistics POST /shipping-quotes', async () => {
      if ((await post(`${logistics.url}/shipping-quotes`, shippingBody)).status !== 201)
        throw new Error('shipping quote failed');
    });
    await measure('marketing POST /quotes', async () => {
      if ((await post(`${marketing.url}/quotes`, quoteBody)).status !== 200) throw new Error('quote failed');
    });
  } finally {
    await marketing.close();
    await logistics.close();
    await run.dropDatabases();
    await deleteRunTopics(run);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
