import { refundOf } from './refunds';

// A: 2 x 19.99 = 39.98 with 4.00 discount (net 35.98); B: 1 x 5.00; shipping 4.50.
// Total 39.98 + 5.00 - 4.00 + 4.50 = 45.48, of which 5.48 paid with 548 points: the card paid 40.00.
const order = {
  id: 'o',
  totalAmount: 4548,
  shippingFee: 450,
  pointsToRedeem: 548,
  lines: [
    { sku: 'A', quantity: 2, lineTotal: 3998, discount: 400, merchantId: 'm' },
    { sku: 'B', quantity: 1, lineTotal: 500, discount: 0, merchantId: null },
  ],
};

describe('refundOf', () => {
  it('refunds one unit net of its discount share, with points pro rata', () => {
    // value floor(3598 / 2) = 1799; points floor(1799 * 548 / 4548) = floor(216.77) = 216; money 1583.
    expect(refundOf(order, [{ sku: 'A', quantity: 1 }], [])).toEqual({
      amount: 1583,
      points: 216,
      lines: [{ sku: 'A', quantity: 1, amount: 1799, merchantId: 'm' }],
    });
  });

  it('gives the rest, and the shipping fee, with the last units: the parts add up to what was paid', () => {
    const first = refundOf(order, [{ sku: 'A', quantity: 1 }], []);
    // A: 3598 - 1799 = 1799; B: 500; shipping 450: value 2749; points 548 - 216 = 332; money 2417.
    const second = refundOf(
      order,
      [
        { sku: 'A', quantity: 1 },
        { sku: 'B', quantity: 1 },
      ],
      [first],
    );
    expect(second).toEqual({
      amount: 2417,
      points: 332,
      lines: [
        { sku: 'A', quantity: 1, amount: 1799, merchantId: 'm' },
        { sku: 'B', quantity: 1, amount: 500 },
      ],
    });
    expect(first.amount + second.amount).toBe(4000);
    expect(first.points + second.points).toBe(548);
  });

  it('refuses units that are not on the order or already refunded', () => {
    expect(() => refundOf(order, [{ sku: 'C', quantity: 1 }], [])).toThrow(
      expect.objectContaining({ code: 'REFUND_UNKNOWN_SKU' }),
    );
    const first = refundOf(order, [{ sku: 'A', quantity: 2 }], []);
    expect(() => refundOf(order, [{ sku: 'A', quantity: 1 }], [first])).toThrow(
      expect.objectContaining({ code: 'REFUND_EXCEEDS_ORDER' }),
    );
  });
});
