// k6 load scenario: customers placing orders against a running platform (`npm start`).
//   npm run k6:orders            (builds k6 into .data/bin the first time; see run.sh)
// Only talks to 127.0.0.1. Bounded: RATE orders/s for DURATION, then it stops by itself.
import http from 'k6/http';
import { check, sleep } from 'k6';
import { Counter } from 'k6/metrics';

const ORDERS = __ENV.ORDERS_URL || 'http://127.0.0.1:3004';
const INVENTORY = __ENV.INVENTORY_URL || 'http://127.0.0.1:3003';
const TOKEN = __ENV.OPS_TOKEN; // npm run -s token -- --role ops
const STOCK = Number(__ENV.STOCK || 500);
// orders sells only SKUs catalog listed (its read model): pass one, e.g. the seed demo's NL-AURORA-… SKU.
const sku = __ENV.SKU;
const ADDRESS = { country: 'DE', region: 'EU-DE', postalCode: '20095', city: 'Hamburg', line1: 'Mönckebergstraße 7' };

const placed = new Counter('orders_placed');

// No remote modules (this machine has no internet): a v4-shaped id is enough for keys and customers.
function uuidv4() {
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
    const r = (Math.random() * 16) | 0;
    return (c === 'x' ? r : (r & 0x3) | 0x8).toString(16);
  });
}

export const options = {
  scenarios: {
    checkout: {
      executor: 'constant-arrival-rate',
      rate: Number(__ENV.RATE || 50),
      timeUnit: '1s',
      duration: __ENV.DURATION || '30s',
      preAllocatedVUs: 20,
      maxVUs: 100,
    },
  },
  thresholds: {
    http_req_failed: ['rate<0.01'],
    'http_req_duration{name:place-order}': ['p(95)<300'],
  },
};

const headers = () => ({
  Authorization: `Bearer ${TOKEN}`,
  'Content-Type': 'application/json',
  'Idempotency-Key': uuidv4(),
});

export function setup() {
  if (!TOKEN) throw new Error('set OPS_TOKEN (npm run -s token -- --role ops)');
  if (!sku)
    throw new Error('set SKU to a listed SKU (the seed demo prints one), e.g. SKU=NL-AURORA-… npm run k6:orders');
  const receipt = http.post(
    `${INVENTORY}/stock/receipts`,
    JSON.stringify({ sku, warehouseId: 'MAIN', quantity: STOCK }),
    { headers: headers() },
  );
  check(receipt, { 'stock received': (r) => r.status === 201 });
  return { sku };
}

export default function (data) {
  const body = JSON.stringify({
    customerId: uuidv4(),
    currency: 'EUR',
    lines: [{ sku: data.sku, quantity: 1 }],
    shippingAddress: ADDRESS,
    deliveryOption: 'STANDARD',
    payment: { method: 'CARD', cardToken: 'tok_sandbox_visa' },
  });
  const response = http.post(`${ORDERS}/orders`, body, { headers: headers(), tags: { name: 'place-order' } });
  if (check(response, { 'order placed (201)': (r) => r.status === 201 })) placed.add(1);
}

export function teardown(data) {
  sleep(5); // let the last orders be answered
  const stock = http.get(`${INVENTORY}/stock/${data.sku}`, { headers: headers() }).json();
  console.log(
    `stock of ${data.sku} after the run: on hand ${stock.onHand}, reserved ${stock.reserved}, available ${stock.available}`,
  );
  check(stock, {
    'never oversold': (s) => s.reserved <= s.onHand && s.available >= 0,
  });
}
