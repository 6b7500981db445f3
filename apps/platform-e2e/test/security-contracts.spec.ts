import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ChangePriceDto,
  CreateProductDto,
  DelistProductDto,
  RejectProductDto,
} from '../../catalog/src/products/dto/product.dto';
import { ReceiveStockDto } from '../../inventory/src/stock/dto/receive-stock.dto';
import { RegisterMerchantDto } from '../../merchants/src/merchants/dto/register-merchant.dto';
import { PlaceOrderDto } from '../../orders/src/orders/dto/place-order.dto';

/**
 * Security probe, issue 11 finding 8: every DTO field whose value ends up in an event must accept
 * nothing the event's published JSON Schema refuses, or the API takes a request, publishes it, and
 * every consumer dead-letters it (lower-case currencies did exactly that). For each binding, every
 * value of a corpus of edge cases that the DTO accepts must also pass the schema in that place.
 */
interface Binding {
  dto: new () => object;
  /** A valid request body. */
  valid: Record<string, unknown>;
  /** Dotted path in the body → event type and dotted path in the event's example. */
  fields: [string, string, string][];
}

const CATEGORY = 'c8e1f0a2-1b3c-4d5e-8f70-9a1b2c3d4e5f';
const sku = {
  sku: 'TSHIRT-RED-M',
  options: { size: 'M' },
  price: 1999,
  currency: 'EUR',
  weightGrams: 220,
  dimensions: { lengthMm: 300, widthMm: 250, heightMm: 20 },
};

const BINDINGS: Binding[] = [
  {
    dto: PlaceOrderDto,
    valid: {
      customerId: CATEGORY,
      currency: 'EUR',
      lines: [{ sku: 'TSHIRT-RED-M', quantity: 1 }],
      shippingAddress: {
        country: 'DE',
        region: 'EU-DE',
        postalCode: '20095',
        city: 'Hamburg',
        line1: 'Mönckebergstraße 7',
      },
      deliveryOption: 'STANDARD',
      payment: { method: 'CARD', cardToken: 'tok_sandbox_visa' },
      couponCodes: ['WELCOME4'],
      pointsToRedeem: 500,
    },
    fields: [
      ['customerId', 'orders.order.placed.v1', 'customerId'],
      ['currency', 'orders.order.placed.v1', 'currency'],
      ['lines.0.sku', 'orders.order.placed.v1', 'lines.0.sku'],
      ['lines.0.quantity', 'orders.order.placed.v1', 'lines.0.quantity'],
      ['shippingAddress.country', 'orders.order.placed.v1', 'shippingAddress.country'],
      ['shippingAddress.region', 'orders.order.placed.v1', 'shippingAddress.region'],
      ['shippingAddress.postalCode', 'orders.order.placed.v1', 'shippingAddress.postalCode'],
      ['shippingAddress.line1', 'orders.order.placed.v1', 'shippingAddress.line1'],
      ['deliveryOption', 'orders.order.placed.v1', 'deliveryOption'],
      ['couponCodes.0', 'orders.order.placed.v1', 'couponCodes.0'],
      ['pointsToRedeem', 'orders.order.placed.v1', 'pointsToRedeem'],
    ],
  },
  {
    dto: CreateProductDto,
    valid: {
      title: 'Organic cotton T-shirt',
      description: 'Soft.',
      brand: 'Green Threads',
      categoryId: CATEGORY,
      attributes: {},
      images: [],
      skus: [sku],
    },
    fields: [
      ['title', 'catalog.product.created.v1', 'title'],
      ['brand', 'catalog.product.created.v1', 'brand'],
      ['categoryId', 'catalog.product.created.v1', 'categoryId'],
      ['skus.0.sku', 'catalog.product.sku-added.v1', 'sku'],
      ['skus.0.price', 'catalog.product.sku-added.v1', 'price'],
      ['skus.0.currency', 'catalog.product.sku-added.v1', 'currency'],
      ['skus.0.weightGrams', 'catalog.product.sku-added.v1', 'weightGrams'],
      ['skus.0.options', 'catalog.product.sku-added.v1', 'options'],
      ['skus.0.dimensions.lengthMm', 'catalog.product.sku-added.v1', 'dimensions.lengthMm'],
    ],
  },
  { dto: ChangePriceDto, valid: { price: 100 }, fields: [['price', 'catalog.product.price-changed.v1', 'price']] },
  {
    dto: RejectProductDto,
    valid: { reasons: ['blurry images'] },
    fields: [['reasons.0', 'catalog.product.rejected.v1', 'reasons.0']],
  },
  {
    dto: DelistProductDto,
    valid: { reason: 'season over' },
    fields: [['reason', 'catalog.product.delisted.v1', 'reason']],
  },
  {
    dto: ReceiveStockDto,
    valid: { sku: 'TSHIRT-RED-M', warehouseId: 'MAIN', quantity: 1 },
    fields: [
      ['sku', 'inventory.stock.received.v1', 'sku'],
      ['warehouseId', 'inventory.stock.received.v1', 'warehouseId'],
      ['quantity', 'inventory.stock.received.v1', 'quantity'],
    ],
  },
  {
    dto: RegisterMerchantDto,
    valid: {
      legalName: 'Green Threads GmbH',
      contactName: 'Anna Schmidt',
      contactEmail: 'anna@greenthreads.example',
      businessLicenceNumber: 'HRB-123456',
      documents: [
        {
          type: 'BUSINESS_LICENCE',
          number: 'HRB-123456',
          issuer: 'Amtsgericht Berlin',
          expiresOn: '2099-12-31',
          url: 'https://files.example/licence.pdf',
        },
      ],
    },
    fields: [['legalName', 'merchants.merchant.registered.v1', 'legalName']],
  },
];

/** Edge cases: case, length and format boundaries, numbers at and beyond integer limits. */
const CORPUS: unknown[] = [
  '',
  ' ',
  'eur',
  'EUR',
  'Eur',
  'EURO',
  'XXX',
  'usd',
  'TSHIRT-RED-M',
  'a b',
  'ünïcødé',
  'not-a-uuid',
  CATEGORY,
  CATEGORY.toUpperCase(),
  'x'.repeat(64),
  'x'.repeat(65),
  'x'.repeat(150),
  'x'.repeat(200),
  'x'.repeat(201),
  'x'.repeat(1000),
  'x'.repeat(1001),
  'x'.repeat(2001),
  0,
  -1,
  1,
  1.5,
  100,
  10_000,
  1_000_000,
  1_000_001,
  2 ** 31,
  100_000_000_00,
  Number.MAX_SAFE_INTEGER,
  {},
  { size: 'M' },
  ['x'],
];

const schemaDir = path.resolve(__dirname, '../../../docs/events/schemas');
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  let node = target as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys.at(-1)!] = value;
}

function dtoAccepts(dto: new () => object, body: Record<string, unknown>): boolean {
  const instance = plainToInstance(dto, body);
  return validateSync(instance, { whitelist: true, forbidNonWhitelisted: true }).length === 0;
}

describe('DTO fields bound for events accept only what the event schema accepts', () => {
  it.each(
    BINDINGS.flatMap((binding) =>
      binding.fields.map((field) => [binding.dto.name, field[0], field[1], binding, field] as const),
    ),
  )('%s.%s → %s', (_, __, eventType, binding, [bodyPath, , eventPath]) => {
    const schema = JSON.parse(fs.readFileSync(path.join(schemaDir, `${eventType}.json`), 'utf8'));
    const validate = ajv.getSchema(eventType) ?? ajv.compile({ ...schema, $id: eventType });
    expect(dtoAccepts(binding.dto, structuredClone(binding.valid))).toBe(true);
    const leaks: string[] = [];
    for (const value of CORPUS) {
      const body = structuredClone(binding.valid);
      setPath(body, bodyPath, value);
      if (!dtoAccepts(binding.dto, body)) continue;
      const event = structuredClone(schema.examples[0]);
      setPath(event, eventPath, value);
      if (!validate(event)) leaks.push(`${JSON.stringify(value).slice(0, 40)}: ${ajv.errorsText(validate.errors)}`);
    }
    expect(leaks).toEqual([]);
  });
});
