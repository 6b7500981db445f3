import { applyQuote, PromotionsQuote } from './promotions';

const lines = [
  { sku: 'A', quantity: 2, unitPrice: 1999, merchantId: 'm' },
  { sku: 'B', quantity: 1, unitPrice: 500, merchantId: 'm' },
];
const quote = (over: Partial<PromotionsQuote> = {}): PromotionsQuote => ({
  quoteId: 'signed-quote',
  currency: 'EUR',
  lines: [
    { sku: 'A', quantity: 2, unitPrice: 1999, lineTotal: 3998, discount: 400 },
    { sku: 'B', quantity: 1, unitPrice: 500, lineTotal: 500, discount: 0 },
  ],
  subtotal: 4498,
  discountTotal: 400,
  shippingFee: 450,
  shippingDiscount: 450,
  total: 4098,
  couponCodes: ['WELCOME4'],
  ...over,
});

describe('applyQuote', () => {
  it('takes the line discounts and the shipping discount from the quote', () => {
    expect(applyQuote(lines, 450, quote())).toEqual({
      lines: [
        { ...lines[0], discount: 400 },
        { ...lines[1], discount: 0 },
      ],
      shippingFee: 0,
      quoteId: 'signed-quote',
      couponCodes: ['WELCOME4'],
    });
  });

  it('without a promotions engine: no discounts', () => {
    expect(applyQuote(lines, 450, undefined)).toMatchObject({
      shippingFee: 450,
      lines: [{ discount: 0 }, { discount: 0 }],
    });
  });

  it('a quote price that disagrees with orders’ read model is a 409', () => {
    const stale = quote({
      lines: [{ sku: 'A', quantity: 2, unitPrice: 1899, lineTotal: 3798, discount: 0 }, quote().lines[1]],
    });
    expect(() => applyQuote(lines, 450, stale)).toThrow(
      expect.objectContaining({ code: 'PRICE_DISAGREEMENT', status: 409 }),
    );
  });
});
