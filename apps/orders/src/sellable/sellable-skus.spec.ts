import { priceLines, SellableSku } from './sellable-skus';

const sku = (over: Partial<SellableSku>): SellableSku => ({
  sku: 'A',
  merchantId: 'm1',
  price: 1999,
  currency: 'EUR',
  productStatus: 'LISTED',
  delistCause: null,
  merchantSuspended: false,
  ...over,
});

describe('priceLines', () => {
  it('prices listed SKUs from the read model, never from the request', () => {
    const known = new Map([
      ['A', sku({})],
      ['B', sku({ sku: 'B', price: 500, merchantId: 'm2' })],
    ]);
    expect(
      priceLines(
        'EUR',
        [
          { sku: 'A', quantity: 2 },
          { sku: 'B', quantity: 1 },
        ],
        known,
      ),
    ).toEqual({
      priced: [
        { sku: 'A', quantity: 2, unitPrice: 1999, merchantId: 'm1' },
        { sku: 'B', quantity: 1, unitPrice: 500, merchantId: 'm2' },
      ],
      refusals: [],
    });
  });

  it('names every line it refuses, with why', () => {
    const known = new Map([
      ['DRAFT', sku({ sku: 'DRAFT', productStatus: 'DRAFT' })],
      ['GONE', sku({ sku: 'GONE', productStatus: 'DELISTED', delistCause: 'MERCHANT_REQUEST' })],
      ['SUSP', sku({ sku: 'SUSP', productStatus: 'DELISTED', delistCause: 'MERCHANT_SUSPENDED' })],
      ['SUSP2', sku({ sku: 'SUSP2', merchantSuspended: true })],
      ['USD', sku({ sku: 'USD', currency: 'USD' })],
      ['NOPRODUCT', sku({ sku: 'NOPRODUCT', productStatus: null })],
    ]);
    const lines = ['NOPE', 'DRAFT', 'GONE', 'SUSP', 'SUSP2', 'USD', 'NOPRODUCT'].map((s) => ({ sku: s, quantity: 1 }));
    const { priced, refusals } = priceLines('EUR', lines, known);
    expect(priced).toEqual([]);
    expect(refusals.map((r) => [r.field, r.code])).toEqual([
      ['lines.0.sku', 'UNKNOWN_SKU'],
      ['lines.1.sku', 'SKU_NOT_LISTED'],
      ['lines.2.sku', 'SKU_NOT_LISTED'],
      ['lines.3.sku', 'MERCHANT_SUSPENDED'],
      ['lines.4.sku', 'MERCHANT_SUSPENDED'],
      ['lines.5.sku', 'CURRENCY_MISMATCH'],
      ['lines.6.sku', 'UNKNOWN_SKU'],
    ]);
  });
});
