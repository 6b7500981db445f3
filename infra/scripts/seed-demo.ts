/**
 * A small demo on a running platform (`npm start` runs it; `npm run seed` again any time): a seller is
 * approved and lists a product, the product is found by a search with a typo, stock arrives in
 * inventory, and two customers order more than there is. The confirmed order's parcel is dispatched by
 * the warehouse and tracked to DELIVERED through signed carrier webhooks; customer care answers a pre-sales
 * question from the FAQ and writes to the customer. Prints what happened as it goes.
 */
import { mintToken, platformDefaults, Principal, signWebhook } from '@emporium/platform';
import { randomUUID } from 'node:crypto';

const secret = process.env.JWT_SECRET ?? platformDefaults('any', 0).JWT_SECRET;
const token = (principal: Principal) => mintToken(secret, principal);
const ops = token({ subject: 'ops-demo', roles: ['ops'] });
// <SERVICE>_URL overrides a service's address (a platform on other ports, e.g. to try the seed beside another).
const at = (service: string, port: number) => process.env[`${service.toUpperCase()}_URL`] ?? `http://127.0.0.1:${port}`;
const url = {
  merchants: at('merchants', 3001),
  catalog: at('catalog', 3002),
  inventory: at('inventory', 3003),
  orders: at('orders', 3004),
  logistics: at('logistics', 3005),
  membership: at('membership', 3006),
  marketing: at('marketing', 3007),
  customerService: at('customer_service', 3008),
};
/** The sandbox carriers' development webhook secrets, as logistics' migration seeds them. */
const carrierSecrets: Record<string, string> = {
  'SANDBOX-POST': 'sandbox-post-webhook-secret',
  'SANDBOX-PARCEL': 'sandbox-parcel-webhook-secret',
};
const say = (line: string) => console.log(`[seed] ${line}`);

// A demo script reading JSON it just asked for.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function call(
  method: string,
  target: string,
  bearer: string | undefined,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  const response = await fetch(target, {
    method,
    headers: {
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

async function ok(method: string, target: string, bearer: string | undefined, body?: unknown) {
  const response = await call(method, target, bearer, body);
  if (response.status >= 300)
    throw new Error(`${method} ${target} -> ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

/** Retries while another service has not heard the event yet (eventual consistency, in seconds). */
async function once<T>(what: string, attempt: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 150; i++) {
    const result = await attempt();
    if (result !== undefined) return result;
    // Usually well under a second; past that, say what we are waiting for (every 5 s).
    if (i % 25 === 10) say(`waiting for ${what} (${Math.round((i * 200) / 1000)} s)`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`gave up waiting for ${what}`);
}

async function main() {
  const run = Date.now().toString(36).toUpperCase();

  // A seller registers and ops approve it.
  const user = randomUUID();
  const merchant = await ok('POST', `${url.merchants}/merchants`, token({ subject: user, roles: ['merchant'] }), {
    legalName: `Nordlicht Audio ${run}`,
    contactName: 'Jonas Berg',
    contactEmail: 'jonas@nordlicht.example',
    businessLicenceNumber: `HRB-${run}`,
    documents: [
      {
        type: 'BUSINESS_LICENCE',
        number: `HRB-${run}`,
        issuer: 'Amtsgericht Hamburg',
        expiresOn: '2099-06-30',
        url: 'https://files.example/licence.pdf',
      },
    ],
  });
  await ok('POST', `${url.merchants}/merchants/${merchant.id}/approve`, ops);
  say(`merchant ${merchant.legalName} registered and approved (${merchant.id})`);
  const seller = token({ subject: user, roles: ['merchant'], merchantId: merchant.id });

  // It lists a product; the automated checks pass and ops approve the listing.
  const category = await ok('POST', `${url.catalog}/categories`, ops, {
    name: `Headphones ${run}`,
    requiredAttributes: ['connectivity'],
  });
  const sku = `NL-AURORA-${run}`;
  const product = await ok('POST', `${url.catalog}/products`, seller, {
    title: 'Aurora wireless headphones',
    description: 'Over-ear, forty hours of battery, active noise cancelling.',
    brand: 'Nordlicht',
    categoryId: category.id,
    attributes: { connectivity: 'Bluetooth 5.3' },
    images: [{ url: 'https://img.example/aurora.jpg', altText: 'Aurora headphones', main: true }],
    skus: [
      {
        sku,
        options: { colour: 'black' },
        price: 14900,
        currency: 'EUR',
        weightGrams: 310,
        dimensions: { lengthMm: 200, widthMm: 180, heightMm: 90 },
      },
    ],
  });
  await once('catalog to hear of the approval', async () => {
    const submitted = await call('POST', `${url.catalog}/products/${product.id}/submit`, seller);
    return submitted.status === 200 ? submitted.body : undefined;
  });
  await ok('POST', `${url.catalog}/products/${product.id}/approve`, ops);
  const found = await ok('GET', `${url.catalog}/search?q=${encodeURIComponent('aurora headphnes')}`, undefined);
  say(
    `product listed; a search for "aurora headphnes" finds ${found.items.length} (corrections: ${JSON.stringify(found.corrections ?? {})})`,
  );

  // Inventory learnt of the SKU from catalog's event; 3 units arrive.
  await once('inventory to create the stock record', async () => {
    const stock = await call('GET', `${url.inventory}/stock/${sku}`, ops);
    return stock.status === 200 ? stock.body : undefined;
  });
  await ok('POST', `${url.inventory}/stock/receipts`, ops, { sku, warehouseId: 'MAIN', quantity: 3 });
  say(`received 3 x ${sku} into warehouse MAIN`);

  // Two customers order 2 each: one is confirmed, the other cancelled for lack of stock.
  let confirmedOrder: string | undefined;
  let confirmedCustomer: string | undefined;
  for (let i = 0; i < 2; i++) {
    const customerId = randomUUID();
    // Each customer is a member first: membership holds the only copy of the email customer-service writes to.
    await ok('POST', `${url.membership}/members`, token({ subject: customerId, roles: ['customer'] }), {
      name: i === 0 ? 'Grace Hopper' : 'Alan Turing',
      email: `${i === 0 ? 'grace' : 'alan'}.${run.toLowerCase()}@example.com`,
      region: 'EU-DE',
      marketingConsent: true,
    });
    const placed = await ok('POST', `${url.orders}/orders`, token({ subject: customerId, roles: ['customer'] }), {
      customerId,
      currency: 'EUR',
      // The price is catalog's (orders' read model of it); the shipping fee is logistics' quote.
      lines: [{ sku, quantity: 2 }],
      shippingAddress: {
        country: 'DE',
        region: 'EU-DE',
        postalCode: '20095',
        city: 'Hamburg',
        line1: 'Mönckebergstraße 7',
      },
      deliveryOption: 'STANDARD',
      // A sandbox test card that the sandbox gateway authorises (apps/orders/README.md, "Payments").
      payment: { method: 'CARD', cardToken: 'tok_sandbox_visa' },
    });
    const final = await once('the order to settle', async () => {
      const order = await ok('GET', `${url.orders}/orders/${placed.id}`, ops);
      return order.status === 'PENDING' ? undefined : order;
    });
    const last = final.timeline.at(-1);
    say(`order ${placed.id} for 2 x ${sku}: ${final.status}${last.reason ? ` (${last.reason})` : ''}`);
    if (final.status === 'CONFIRMED') [confirmedOrder, confirmedCustomer] = [placed.id, customerId];
  }
  if (confirmedOrder) await shipAndTrack(confirmedOrder);
  const stock = await ok('GET', `${url.inventory}/stock/${sku}`, ops);
  say(`stock of ${sku}: on hand ${stock.onHand}, reserved ${stock.reserved}, available ${stock.available}`);
  if (confirmedOrder && confirmedCustomer) await customerCare(confirmedOrder, confirmedCustomer, sku);
  await joinMembership(run);
  await seedMarketing(sku, run);
  say(
    `look around: TOKEN=$(npm run -s token -- --role ops); curl -H "Authorization: Bearer $TOKEN" ${url.orders}/orders/<id>`,
  );
}

/** marketing: a campaign with a budget, a coupon-only threshold promotion, a code, and a quote that uses it. */
async function seedMarketing(sku: string, run: string) {
  const campaign = await ok('POST', `${url.marketing}/campaigns`, ops, {
    name: `Demo week ${run}`,
    currency: 'EUR',
    budget: 50000,
  });
  const promotion = await ok('POST', `${url.marketing}/promotions`, ops, {
    name: '10 off from 100',
    type: 'THRESHOLD',
    tiers: [{ minSpend: 10000, amountOff: 1000 }],
    currency: 'EUR',
    campaignId: campaign.id,
    requiresCoupon: true,
  });
  const coupon = await ok('POST', `${url.marketing}/coupons`, ops, {
    promotionId: promotion.id,
    code: `DEMO${run}`,
    totalCap: 100,
    perCustomerCap: 1,
  });
  const customerId = randomUUID();
  const quote = await once('marketing to know the SKU', async () => {
    const response = await call(
      'POST',
      `${url.marketing}/quotes`,
      token({ subject: customerId, roles: ['customer'] }),
      { currency: 'EUR', lines: [{ sku, quantity: 1 }], couponCodes: [coupon.code] },
    );
    return response.status === 200 ? response.body : undefined;
  });
  say(
    `marketing: coupon ${coupon.code} (campaign "${campaign.name}", budget 500.00 EUR); a quote for 1 x ${sku}: subtotal ${quote.subtotal}, discount ${quote.discountTotal}, total ${quote.total}`,
  );
}

/** A customer joins the loyalty programme: ORDINARY, no points; ops find it by email, services read its contact. */
async function joinMembership(run: string) {
  const memberId = randomUUID();
  const email = `ada.${run.toLowerCase()}@example.com`;
  const member = await ok('POST', `${url.membership}/members`, token({ subject: memberId, roles: ['customer'] }), {
    name: 'Ada Lovelace',
    email,
    birthday: '1990-07-04',
    region: 'EU-DE',
    marketingConsent: true,
  });
  const tiers = await ok('GET', `${url.membership}/tiers`, ops);
  const gold = tiers.benefits.find((b: { tier: string }) => b.tier === 'GOLD');
  say(
    `member ${member.id} registered: ${member.tier}, ${member.pointsBalance} points (GOLD would give ${gold.discountPercent}% off and x${gold.pointsMultiplierPercent / 100} points)`,
  );
  const found = await ok('GET', `${url.membership}/members?email=${encodeURIComponent(email)}`, ops);
  const contact = await ok(
    'GET',
    `${url.membership}/members/${found.id}/contact`,
    token({ subject: 'customer-service', roles: ['service'] }),
  );
  say(
    `ops find the member by email; customer-service reads its contact (consent: ${contact.marketingConsent}) — events carry only the member id`,
  );
}

/** logistics booked the confirmed order's parcel; the warehouse hands it over and the carrier reports it to DELIVERED. */
async function shipAndTrack(orderId: string) {
  const warehouse = token({ subject: 'warehouse-demo', roles: ['warehouse'] });
  const shipment = await once('logistics to book the parcel', async () => {
    const list = await ok('GET', `${url.logistics}/shipments?orderId=${orderId}`, ops);
    return list.items[0]?.status === 'READY' ? list.items[0] : undefined;
  });
  say(
    `shipment ${shipment.id}: ${shipment.carrier} ${shipment.serviceLevel}, ${shipment.chargeableWeightGrams} g chargeable, fee ${shipment.shippingFee} ${shipment.currency}, tracking ${shipment.trackingNumber} (zone ${shipment.zone}, ${shipment.routingSource})`,
  );
  await ok('POST', `${url.logistics}/shipments/${shipment.id}/dispatch`, warehouse);
  say(`dispatched from ${shipment.warehouseId}: inventory commits the stock`);
  for (const status of ['PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED']) {
    const body = JSON.stringify({
      eventId: randomUUID(),
      trackingNumber: shipment.trackingNumber,
      status,
      occurredAt: new Date().toISOString(),
      location: 'Hamburg',
    });
    const eventId = JSON.parse(body).eventId;
    const response = await fetch(`${url.logistics}/carriers/${shipment.carrier}/tracking-webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'carrier-event-id': eventId,
        'carrier-signature': signWebhook(
          carrierSecrets[shipment.carrier],
          Math.floor(Date.now() / 1000),
          eventId,
          body,
        ),
      },
      body,
    });
    if (!response.ok) throw new Error(`tracking webhook ${status} -> ${response.status}: ${await response.text()}`);
  }
  const tracked = await ok('GET', `${url.logistics}/shipments/${shipment.id}`, ops);
  say(
    `carrier webhooks (signed): ${tracked.timeline.map((entry: { status: string }) => entry.status).join(' -> ')}; shipment ${tracked.status}`,
  );
  // orders follows: captured on dispatch, DELIVERED once every shipment is; the return window opens.
  const delivered = await once('orders to see the order delivered', async () => {
    const order = await ok('GET', `${url.orders}/orders/${orderId}`, ops);
    return order.status === 'DELIVERED' ? order : undefined;
  });
  const ledger = await ok('GET', `${url.orders}/orders/${orderId}/payments`, ops);
  say(
    `order ${orderId}: ${delivered.timeline.map((entry: { status: string }) => entry.status).join(' -> ')}; payments ${ledger.items.map((row: { operation: string; status: string; amount: number }) => `${row.operation} ${row.status} ${row.amount}`).join(', ')}`,
  );
}

/** The FAQ entries the demo's pre-sales question is answered from. */
export const DEMO_FAQ = [
  { question: 'How long does delivery take?', answer: 'Standard delivery takes 3 to 5 working days.' },
];

/**
 * Adds the entry to customer-service's FAQ at `base`, or brings back the one with the same question
 * (published, this answer): the seed runs again on a platform that has it, and a second copy would be
 * suggested twice. Copies left by seeds from before this upsert are unpublished, the first one kept.
 */
export async function upsertFaq(base: string, entry: { question: string; answer: string }): Promise<{ id: string }> {
  const found: { id: string; question: string }[] = await ok(
    'GET',
    `${base}/faq?q=${encodeURIComponent(entry.question)}`,
    ops,
  );
  const same = found.filter((existing) => existing.question === entry.question);
  if (same.length === 0) return ok('POST', `${base}/faq`, ops, { ...entry, published: true });
  for (const extra of same.slice(1)) await ok('PUT', `${base}/faq/${extra.id}`, ops, { ...entry, published: false });
  return ok('PUT', `${base}/faq/${same[0].id}`, ops, { ...entry, published: true });
}

/** customer-service: a pre-sales question answered from the FAQ, the customer's mailbox, and a return once delivered. */
async function customerCare(orderId: string, customerId: string, sku: string) {
  const customer = token({ subject: customerId, roles: ['customer'] });
  for (const entry of DEMO_FAQ) await upsertFaq(url.customerService, entry);
  const question = await ok('POST', `${url.customerService}/tickets`, customer, {
    kind: 'PRE_SALES',
    subject: 'Delivery time',
    body: 'How many days does delivery take to Hamburg?',
  });
  say(
    `pre-sales ticket ${question.id} (${question.priority}, first answer due ${question.firstResponseDueAt}); FAQ suggests: ${question.suggestions.map((s: { question: string }) => s.question).join(' | ')}`,
  );
  const mail = await once('customer-service to write to the customer', async () => {
    const box = await ok('GET', `${url.customerService}/dev-mailbox?memberId=${customerId}`, ops);
    return box.items.length > 0 ? box.items : undefined;
  });
  say(`development mailbox of the customer: ${mail.map((m: { subject: string }) => m.subject).join(' | ')}`);
  // A return needs orders' delivered event; a platform whose orders does not publish it yet skips this.
  for (let i = 0; i < 25; i++) {
    const requested = await call('POST', `${url.customerService}/returns`, customer, {
      orderId,
      reason: 'NO_REASON',
      lines: [{ sku, quantity: 1 }],
    });
    if (requested.status === 201)
      return say(
        `return ${requested.body.id}: ${requested.body.status}${requested.body.automatic ? ' (no reason, inside the window)' : ''}`,
      );
    if (requested.body?.code !== 'ORDER_NOT_DELIVERED' && requested.status !== 404)
      throw new Error(`return -> ${requested.status}: ${JSON.stringify(requested.body)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  say('customer-service has not heard of the delivery (orders.order.delivered); no return requested');
}

if (require.main === module)
  main().catch((error) => {
    console.error('[seed] failed:', error.message);
    process.exit(1);
  });
