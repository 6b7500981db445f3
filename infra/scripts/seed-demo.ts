/**
 * A small demo on a running platform: stock arrives, two customers order, one order cannot be filled.
 * Prints what happened and the commands to look around. Safe to run again (new ids every time).
 */
import { mintToken, platformDefaults } from '@emporium/platform';
import { randomUUID } from 'node:crypto';

const secret = process.env.JWT_SECRET ?? platformDefaults('any', 0).JWT_SECRET;
const ops = mintToken(secret, { subject: randomUUID(), roles: ['ops'] });
const inventory = 'http://127.0.0.1:3003';
const orders = 'http://127.0.0.1:3004';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- demo script reading JSON it just asked for
async function call(method: string, url: string, token: string, body?: unknown): Promise<any> {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${url} -> ${response.status}: ${JSON.stringify(json)}`);
  return json;
}

async function waitForFinalStatus(id: string): Promise<{ status: string; timeline: { status: string; reason?: string }[] }> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const order = await call('GET', `${orders}/orders/${id}`, ops);
    if (order.status !== 'PENDING') return order;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`order ${id} still PENDING`);
}

async function main() {
  const sku = `DEMO-MUG-${Date.now().toString(36).toUpperCase()}`;
  await call('POST', `${inventory}/stock/receipts`, ops, { sku, warehouseId: 'MAIN', quantity: 3 });
  console.log(`[seed] received 3 x ${sku} into MAIN`);
  for (const quantity of [2, 2]) {
    const customerId = randomUUID();
    const token = mintToken(secret, { subject: customerId, roles: ['customer'] });
    const placed = await call('POST', `${orders}/orders`, token, { customerId, currency: 'EUR', lines: [{ sku, quantity, unitPrice: 1250 }] });
    const final = await waitForFinalStatus(placed.id);
    const last = final.timeline.at(-1)!;
    console.log(`[seed] order ${placed.id} for ${quantity} x ${sku}: ${final.status}${last.reason ? ` (${last.reason})` : ''}`);
  }
  const stock = await call('GET', `${inventory}/stock/${sku}`, ops);
  console.log(`[seed] stock of ${sku}: on hand ${stock.onHand}, reserved ${stock.reserved}, available ${stock.available}`);
  console.log(`[seed] try: TOKEN=$(npm run -s token -- --role ops); curl -H "Authorization: Bearer $TOKEN" ${inventory}/stock/${sku}`);
}

main().catch((error) => {
  console.error('[seed] failed:', error.message);
  process.exit(1);
});
