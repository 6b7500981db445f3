import { allocate, percentOf } from './allocation';
import { Cart, CustomerFacts, priceCart, PricingContext, Promotion, PromotionRule } from './engine';

// Wednesday 2026-11-25, noon UTC.
const NOW = new Date('2026-11-25T12:00:00.000Z');
const MERCHANT_A = 'merchant-a';
const MERCHANT_B = 'merchant-b';

const member = (facts: Partial<CustomerFacts> = {}): CustomerFacts => ({
  customerId: 'c-1',
  tier: null,
  previousOrders: 3,
  ...facts,
});
const ctx = (facts: Partial<CustomerFacts> = {}, extra: Partial<PricingContext> = {}): PricingContext => ({
  now: NOW,
  customer: member(facts),
  ...extra,
});

function promo(id: string, rule: PromotionRule, extra: Partial<Promotion> = {}): Promotion {
  return { id, name: id, rule, stacking: 'STACKABLE', priority: 0, ...extra };
}

// 2 x 19.99 shirts (A, apparel) + 1 x 49.99 shoes (B, shoes) + 3 x 3.33 socks (A, apparel): subtotal 99.96
const cart: Cart = {
  currency: 'EUR',
  lines: [
    { sku: 'SHIRT', quantity: 2, unitPrice: 1999, merchantId: MERCHANT_A, categories: ['apparel'] },
    { sku: 'SHOES', quantity: 1, unitPrice: 4999, merchantId: MERCHANT_B, categories: ['shoes'] },
    { sku: 'SOCKS', quantity: 3, unitPrice: 333, merchantId: MERCHANT_A, categories: ['apparel'] },
  ],
  shippingFee: 490,
};

describe('allocation (largest remainder)', () => {
  it.each([
    // 100 over 3998/4999/999 (sum 9996): exact 39.995 / 50.010 / 9.993 -> floors 39/50/9 = 98; remainders .995, .993 get the 2 left
    [100, [3998, 4999, 999], [40, 50, 10]],
    // 10 over three equal weights: 3.33 each, the 1 left goes to the first (tie -> earlier line)
    [10, [100, 100, 100], [4, 3, 3]],
    // 2 over 1/1/1: 0.67 each, the two left go to the first two
    [2, [100, 100, 100], [1, 1, 0]],
    // zero weight never gets a share
    [5, [0, 7, 3], [0, 4, 1]],
    // the whole weight
    [11, [5, 6], [5, 6]],
    [0, [5, 6], [0, 0]],
  ])('shares %i over %j as %j', (amount, weights, expected) => {
    const shares = allocate(amount, weights);
    expect(shares).toEqual(expected);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(amount);
  });

  it('is exact beyond 2^53 products (1e7 over 1e9-unit weights)', () => {
    const shares = allocate(10_000_001, [999_999_999, 1, 1_000_000_000]);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(10_000_001);
    // 10,000,001 x 999,999,999 / 2,000,000,000 = 5,000,000.49... ; x 1/2e9 = 0.005 ; x 1e9/2e9 = 5,000,000.5
    expect(shares).toEqual([5_000_000, 0, 5_000_001]);
  });

  it('refuses more than the weights hold', () => {
    expect(() => allocate(12, [5, 6])).toThrow(RangeError);
  });

  it('percentOf rounds down to the minor unit', () => {
    expect(percentOf(9996, 10)).toBe(999); // 999.6
    expect(percentOf(1999, 7.5)).toBe(149); // 149.925
    expect(percentOf(333, 100)).toBe(333);
  });
});

describe('promotions engine: one promotion of each type', () => {
  it('no promotion: subtotal, shipping, total', () => {
    const priced = priceCart(cart, [], ctx());
    expect(priced).toMatchObject({
      subtotal: 9996,
      discountTotal: 0,
      shippingFee: 490,
      shippingDiscount: 0,
      total: 10486,
      promotions: [],
    });
    expect(priced.lines.map((line) => line.lineTotal)).toEqual([3998, 4999, 999]);
  });

  it('threshold, tiered: the highest tier reached (spend 99.96 -> 50 tier, 10 off), shared by line totals', () => {
    const threshold = promo('T', {
      type: 'THRESHOLD',
      tiers: [
        { minSpend: 5000, amountOff: 500 },
        { minSpend: 9000, amountOff: 1000 },
        { minSpend: 15000, amountOff: 2500 },
      ],
    });
    const priced = priceCart(cart, [threshold], ctx());
    // 1000 over 3998/4999/999: 399.96 / 500.10 / 99.94 -> 399/500/99 = 998, remainders .96 .94 take the 2 left
    expect(priced.lines.map((line) => line.discount)).toEqual([400, 500, 100]);
    expect(priced).toMatchObject({ discountTotal: 1000, total: 9486 });
    expect(priced.promotions).toEqual([
      expect.objectContaining({ promotionId: 'T', discount: 1000, lineDiscounts: [400, 500, 100] }),
    ]);
  });

  it('threshold not reached: nothing', () => {
    const threshold = promo('T', { type: 'THRESHOLD', tiers: [{ minSpend: 10000, amountOff: 1000 }] });
    expect(priceCart(cart, [threshold], ctx()).discountTotal).toBe(0);
  });

  it('threshold scoped to a merchant counts only its lines (A: 49.97 < 50)', () => {
    const threshold = promo(
      'T',
      {
        type: 'THRESHOLD',
        tiers: [
          { minSpend: 4997, amountOff: 300 },
          { minSpend: 5000, amountOff: 1000 },
        ],
      },
      { scope: { merchantIds: [MERCHANT_A] } },
    );
    // 300 over 3998 / 999 (sum 4997): 240.02 / 59.97 -> 240/59 = 299, the larger remainder (.97) takes 1
    expect(priceCart(cart, [threshold], ctx()).lines.map((line) => line.discount)).toEqual([240, 0, 60]);
  });

  it.each([
    ['SKUs', { skus: ['SHOES'] }, [0, 999, 0]], // 20% of 4999 = 999.8 -> 999
    ['categories', { categories: ['apparel'] }, [799, 0, 200]], // 20% of 4997 = 999.4 -> 999; 999 x 3998/4997 = 799.28, x 999/4997 = 199.72 -> 799/199 + 1 to .72
    ['merchants', { merchantIds: [MERCHANT_B] }, [0, 999, 0]],
  ])('percent off scoped to %s', (_label, scope, expected) => {
    const priced = priceCart(cart, [promo('P', { type: 'PERCENT_OFF', percent: 20 }, { scope })], ctx());
    expect(priced.lines.map((line) => line.discount)).toEqual(expected);
  });

  it('buy 2 get 1 free: the cheapest unit of each group of 3', () => {
    // apparel units, dearest first: 1999, 1999, 333, 333, 333 -> one group of 3, the cheapest unit (333) is free
    const priced = priceCart(
      cart,
      [promo('B', { type: 'BUY_X_GET_Y', buy: 2, get: 1 }, { scope: { categories: ['apparel'] } })],
      ctx(),
    );
    expect(priced.lines.map((line) => line.discount)).toEqual([0, 0, 333]);
  });

  it('buy 1 get 1 half price over six units: the three cheapest at 50%', () => {
    // all units: 4999, 1999, 1999, 333, 333, 333 -> 3 groups of 2 -> the 3 cheapest (333 each) at 50% = 166 each
    const priced = priceCart(cart, [promo('B', { type: 'BUY_X_GET_Y', buy: 1, get: 1, percentOff: 50 })], ctx());
    expect(priced.lines.map((line) => line.discount)).toEqual([0, 0, 498]);
  });

  it('flash sale: the sale price on as many units as the caps leave for this customer', () => {
    const flash = promo(
      'F',
      { type: 'FLASH_SALE', sku: 'SHIRT', salePrice: 1499, totalCap: 100, perCustomerCap: 5 },
      { startsAt: new Date('2026-11-25T11:00:00Z'), endsAt: new Date('2026-11-25T13:00:00Z') },
    );
    expect(priceCart(cart, [flash], ctx()).promotions[0]).toMatchObject({ discount: 1000, flashUnits: 2 }); // 2 x (1999 - 1499)
    // only one unit left for this customer: one at the sale price, one at the list price
    expect(priceCart(cart, [flash], ctx({}, { flashUnitsAvailable: { F: 1 } })).promotions[0]).toMatchObject({
      discount: 500,
      flashUnits: 1,
    });
    expect(priceCart(cart, [flash], ctx({}, { flashUnitsAvailable: { F: 0 } })).promotions).toEqual([]);
  });

  it('flash sale outside its window: nothing (end is exclusive)', () => {
    const flash = promo(
      'F',
      { type: 'FLASH_SALE', sku: 'SHIRT', salePrice: 1499, totalCap: 100, perCustomerCap: 5 },
      { startsAt: new Date('2026-11-25T10:00:00Z'), endsAt: NOW },
    );
    expect(priceCart(cart, [flash], ctx()).discountTotal).toBe(0);
  });

  it('member day: members only, on the day (Wednesday = 3)', () => {
    const day = promo('M', { type: 'MEMBER_DAY', weekdays: [3], percent: 10 });
    expect(priceCart(cart, [day], ctx({ tier: null })).discountTotal).toBe(0);
    // 10% of 9996 = 999.6 -> 999
    expect(priceCart(cart, [day], ctx({ tier: 'ORDINARY' })).discountTotal).toBe(999);
    expect(
      priceCart(cart, [promo('M', { type: 'MEMBER_DAY', weekdays: [4], percent: 10 })], ctx({ tier: 'GOLD' }))
        .discountTotal,
    ).toBe(0);
    expect(
      priceCart(
        cart,
        [promo('M', { type: 'MEMBER_DAY', monthDays: [25], percent: 10, tiers: ['GOLD'] })],
        ctx({ tier: 'SILVER' }),
      ).discountTotal,
    ).toBe(0);
    expect(
      priceCart(
        cart,
        [promo('M', { type: 'MEMBER_DAY', monthDays: [25], percent: 10, tiers: ['GOLD'] })],
        ctx({ tier: 'GOLD' }),
      ).discountTotal,
    ).toBe(999);
  });

  it("tier discount: the promotion's table, else membership's benefits percent", () => {
    const tier = promo('TD', { type: 'TIER_DISCOUNT', percentByTier: { GOLD: 5, DIAMOND: 8 } });
    expect(priceCart(cart, [tier], ctx({ tier: 'GOLD' })).discountTotal).toBe(499); // 499.8
    expect(priceCart(cart, [tier], ctx({ tier: 'DIAMOND' })).discountTotal).toBe(799); // 799.68
    expect(priceCart(cart, [tier], ctx({ tier: 'SILVER', tierDiscountPercent: 3 })).discountTotal).toBe(299); // 299.88
    expect(priceCart(cart, [tier], ctx({ tier: 'ORDINARY', tierDiscountPercent: 0 })).discountTotal).toBe(0);
  });

  it('new-customer offer: only without previous orders, from a minimum spend', () => {
    const welcome = promo('N', { type: 'NEW_CUSTOMER', amountOff: 500, minSpend: 5000 });
    expect(priceCart(cart, [welcome], ctx({ previousOrders: 1 })).discountTotal).toBe(0);
    expect(priceCart(cart, [welcome], ctx({ previousOrders: 0 })).lines.map((line) => line.discount)).toEqual([
      200, 250, 50,
    ]); // 199.98/250.05/49.97
    expect(priceCart({ ...cart, lines: [cart.lines[2]] }, [welcome], ctx({ previousOrders: 0 })).discountTotal).toBe(0);
  });

  it('free shipping from a spend', () => {
    expect(priceCart(cart, [promo('S', { type: 'FREE_SHIPPING', minSpend: 5000 })], ctx())).toMatchObject({
      shippingDiscount: 490,
      total: 9996,
    });
    expect(priceCart(cart, [promo('S', { type: 'FREE_SHIPPING', minSpend: 10000 })], ctx())).toMatchObject({
      shippingDiscount: 0,
      total: 10486,
    });
  });

  it('a discount never exceeds what a line costs (amount off bigger than the cart)', () => {
    const priced = priceCart(
      { currency: 'EUR', lines: [cart.lines[2]] },
      [promo('N', { type: 'NEW_CUSTOMER', amountOff: 5000 })],
      ctx({ previousOrders: 0 }),
    );
    expect(priced).toMatchObject({ discountTotal: 999, total: 0 });
  });
});

describe('promotions engine: stacking', () => {
  const tenPercent = promo('P10', { type: 'PERCENT_OFF', percent: 10 }, { priority: 10 });
  const fiveOff = promo('T5', { type: 'THRESHOLD', tiers: [{ minSpend: 5000, amountOff: 500 }] }, { priority: 5 });

  it('stackable promotions apply in priority order, each on what is left', () => {
    // P10 first: 999 off 9996 (shares 399/500/100 by 3998/4999/999: 399.6/500.0/99.9 -> 399/500/99 + 1 to .9)
    // T5 on 8997 left (3599/4499/899): 500 -> 200.01/250.03/49.96 -> 200/250/49 + 1 to .96
    const priced = priceCart(cart, [fiveOff, tenPercent], ctx());
    expect(priced.promotions.map((p) => [p.promotionId, p.discount])).toEqual([
      ['P10', 999],
      ['T5', 500],
    ]);
    expect(priced.promotions[0].lineDiscounts).toEqual([399, 500, 100]);
    expect(priced.promotions[1].lineDiscounts).toEqual([200, 250, 50]);
    expect(priced.lines.map((line) => line.discount)).toEqual([599, 750, 150]);
    expect(priced).toMatchObject({ discountTotal: 1499, total: 8987 });
  });

  it('order matters and priority decides it: the threshold first then 10% gives a different figure', () => {
    const priced = priceCart(cart, [promo('T5', fiveOff.rule, { priority: 20 }), tenPercent], ctx());
    // 500 off first (9496 left), then 10% of 9496 = 949.6 -> 949
    expect(priced.discountTotal).toBe(1449);
  });

  it('an exclusive promotion wins when it alone beats the stack', () => {
    const quarter = promo('X25', { type: 'PERCENT_OFF', percent: 25 }, { stacking: 'EXCLUSIVE', priority: 1 });
    const priced = priceCart(cart, [fiveOff, tenPercent, quarter], ctx());
    expect(priced.promotions.map((p) => p.promotionId)).toEqual(['X25']); // 2499 off beats 1499
    expect(priced.discountTotal).toBe(2499);
  });

  it('the stack wins when it beats every exclusive one', () => {
    const small = promo('X5', { type: 'PERCENT_OFF', percent: 5 }, { stacking: 'EXCLUSIVE', priority: 99 });
    expect(priceCart(cart, [fiveOff, tenPercent, small], ctx()).promotions.map((p) => p.promotionId)).toEqual([
      'P10',
      'T5',
    ]);
  });

  it('best of two exclusives; a tie goes to the higher priority', () => {
    const a = promo(
      'XA',
      { type: 'THRESHOLD', tiers: [{ minSpend: 0, amountOff: 700 }] },
      { stacking: 'EXCLUSIVE', priority: 1 },
    );
    const b = promo(
      'XB',
      { type: 'THRESHOLD', tiers: [{ minSpend: 0, amountOff: 700 }] },
      { stacking: 'EXCLUSIVE', priority: 2 },
    );
    const c = promo(
      'XC',
      { type: 'THRESHOLD', tiers: [{ minSpend: 0, amountOff: 600 }] },
      { stacking: 'EXCLUSIVE', priority: 9 },
    );
    expect(priceCart(cart, [a, b, c], ctx()).promotions.map((p) => p.promotionId)).toEqual(['XB']);
  });

  it('shipping and line discounts stack; totals add up', () => {
    const priced = priceCart(cart, [tenPercent, promo('S', { type: 'FREE_SHIPPING', minSpend: 0 })], ctx());
    expect(priced).toMatchObject({
      subtotal: 9996,
      discountTotal: 999,
      shippingFee: 490,
      shippingDiscount: 490,
      total: 8997,
    });
    expect(priced.total).toBe(priced.subtotal - priced.discountTotal + priced.shippingFee - priced.shippingDiscount);
  });

  it('is deterministic: the same answer whatever order the promotions come in', () => {
    const all = [
      fiveOff,
      tenPercent,
      promo('B', { type: 'BUY_X_GET_Y', buy: 2, get: 1 }),
      promo('N', { type: 'NEW_CUSTOMER', percent: 3 }),
    ];
    const one = priceCart(cart, all, ctx({ previousOrders: 0 }));
    const other = priceCart(cart, [...all].reverse(), ctx({ previousOrders: 0 }));
    expect(other).toEqual(one);
    // every line's shares sum to its discount, and line discounts to the total
    one.lines.forEach((line, index) =>
      expect(one.promotions.reduce((sum, p) => sum + p.lineDiscounts[index], 0)).toBe(line.discount),
    );
  });

  it('refuses a malformed cart', () => {
    expect(() => priceCart({ currency: 'EUR', lines: [] }, [], ctx())).toThrow('at least one line');
    expect(() => priceCart({ currency: 'EUR', lines: [{ sku: 'X', quantity: 0, unitPrice: 1 }] }, [], ctx())).toThrow(
      'quantity',
    );
  });
});
