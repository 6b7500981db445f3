import { Order } from './order.entity';
import { canTransition, ORDER_STATUSES } from './order-status';
import { IllegalOrderTransitionError, OrderTotalTooLargeError } from './order.errors';

const place = () =>
  Order.place({
    id: '5f0c3c8e-2b7a-4f43-9a55-3b1b7f0e9a10',
    customerId: '0b9d6c1e-3c39-4a0e-8d0e-1f7d1c2a4b55',
    currency: 'EUR',
    lines: [
      { sku: 'A', quantity: 2, unitPrice: 1999 },
      { sku: 'B', quantity: 1, unitPrice: 500 },
    ],
    at: new Date('2026-11-22T10:00:00Z'),
  });

describe('Order', () => {
  it('starts PENDING with line totals, an order total and one timeline entry', () => {
    const order = place();
    expect(order.status).toBe('PENDING');
    expect(order.lines.map((line) => line.lineTotal)).toEqual([3998, 500]);
    expect(order.totalAmount).toBe(4498);
    expect(order.timeline.map((change) => change.status)).toEqual(['PENDING']);
  });

  it('confirms a pending order and records the change', () => {
    const order = place();
    order.confirm(new Date('2026-11-22T10:00:01Z'));
    expect(order.status).toBe('CONFIRMED');
    expect(order.pendingTimeline).toMatchObject([{ status: 'CONFIRMED', reason: null }]);
  });

  it('cancels with a reason and detail', () => {
    const order = place();
    order.cancel('OUT_OF_STOCK', 'A: requested 2, available 1', new Date());
    expect(order.pendingTimeline).toMatchObject([
      { status: 'CANCELLED', reason: 'OUT_OF_STOCK', detail: 'A: requested 2, available 1' },
    ]);
  });

  it('refuses to confirm a cancelled order with a stable error code', () => {
    const order = place();
    order.cancel('CUSTOMER_REQUEST', undefined, new Date());
    expect(() => order.confirm(new Date())).toThrow(IllegalOrderTransitionError);
    try {
      order.confirm(new Date());
    } catch (error) {
      expect((error as IllegalOrderTransitionError).code).toBe('ILLEGAL_ORDER_TRANSITION');
    }
  });

  it('is past its confirmation deadline only after the timeout has run out', () => {
    const order = place(); // placed at 10:00:00
    expect(order.isPastConfirmationDeadline(new Date('2026-11-22T10:05:00Z'), 300)).toBe(false);
    expect(order.isPastConfirmationDeadline(new Date('2026-11-22T10:05:00.001Z'), 300)).toBe(true);
  });

  it('refuses a total beyond what integers hold exactly', () => {
    expect(() =>
      Order.place({
        id: 'x',
        customerId: 'y',
        currency: 'EUR',
        lines: [{ sku: 'A', quantity: 10_000, unitPrice: Number.MAX_SAFE_INTEGER }],
        at: new Date(),
      }),
    ).toThrow(OrderTotalTooLargeError);
  });
});

describe('the order after confirmation', () => {
  const confirmed = () => {
    const order = place();
    order.confirm(new Date('2026-11-22T10:00:01Z'), 'payment authorised');
    return order;
  };

  it('ships, is delivered with its return window, and completes; each change says why', () => {
    const order = confirmed();
    order.ship(new Date('2026-11-23T08:00:00Z'), 'shipment s1 dispatched');
    order.deliver(new Date('2026-11-25T15:00:00Z'), 7, 'every shipment delivered');
    expect(order.returnWindowEndsAt).toEqual(new Date('2026-12-02T15:00:00Z'));
    order.complete(new Date('2026-12-02T15:00:01Z'));
    expect(order.pendingTimeline.map((change) => [change.status, change.detail])).toEqual([
      ['CONFIRMED', 'payment authorised'],
      ['SHIPPED', 'shipment s1 dispatched'],
      ['DELIVERED', 'every shipment delivered'],
      ['COMPLETED', 'the return window closed'],
    ]);
  });

  it('a second partial refund stays PARTIALLY_REFUNDED with its own timeline entry; the last one REFUNDED', () => {
    const order = confirmed();
    order.ship(new Date(), 's');
    order.deliver(new Date(), 7, 'd');
    order.refund(false, new Date(), 'refund 1');
    order.refund(false, new Date(), 'refund 2');
    order.refund(true, new Date(), 'refund 3');
    expect(order.pendingTimeline.slice(-3).map((change) => [change.status, change.detail])).toEqual([
      ['PARTIALLY_REFUNDED', 'refund 1'],
      ['PARTIALLY_REFUNDED', 'refund 2'],
      ['REFUNDED', 'refund 3'],
    ]);
  });

  it('cannot be cancelled once shipped', () => {
    const order = confirmed();
    order.ship(new Date(), 's');
    expect(() => order.cancel('CUSTOMER_REQUEST', undefined, new Date())).toThrow(IllegalOrderTransitionError);
  });

  it('pays the total less the points; points beyond the total are refused', () => {
    const order = Order.place({
      id: 'o',
      customerId: 'c',
      currency: 'EUR',
      lines: [{ sku: 'A', quantity: 2, unitPrice: 1999, discount: 400 }],
      shippingFee: 450,
      pointsToRedeem: 48,
      at: new Date(),
    });
    // 3998 - 400 + 450 = 4048; less 48 points = 4000.
    expect([order.subtotal, order.discountTotal, order.totalAmount, order.amountToPay]).toEqual([
      3998, 400, 4048, 4000,
    ]);
    expect(() =>
      Order.place({
        id: 'o',
        customerId: 'c',
        currency: 'EUR',
        lines: [{ sku: 'A', quantity: 1, unitPrice: 100 }],
        pointsToRedeem: 101,
        at: new Date(),
      }),
    ).toThrow(expect.objectContaining({ code: 'POINTS_EXCEED_TOTAL' }));
  });
});

describe('order status transitions', () => {
  it.each([
    ['PENDING', 'CONFIRMED', true],
    ['PENDING', 'CANCELLED', true],
    ['CONFIRMED', 'SHIPPED', true],
    ['CONFIRMED', 'CANCELLED', true],
    ['SHIPPED', 'DELIVERED', true],
    ['DELIVERED', 'COMPLETED', true],
    ['PENDING', 'SHIPPED', false],
    ['CANCELLED', 'CONFIRMED', false],
    ['SHIPPED', 'CANCELLED', false],
    ['COMPLETED', 'PENDING', false],
    ['DELIVERED', 'PARTIALLY_REFUNDED', true],
    ['DELIVERED', 'REFUNDED', true],
    ['PARTIALLY_REFUNDED', 'REFUNDED', true],
    ['PARTIALLY_REFUNDED', 'COMPLETED', true],
    ['COMPLETED', 'REFUNDED', true],
    ['SHIPPED', 'REFUNDED', false],
    ['CONFIRMED', 'REFUNDED', false],
    ['REFUNDED', 'COMPLETED', false],
    ['DELIVERED', 'CANCELLED', false],
  ] as const)('%s -> %s allowed: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it('lets no status move to itself', () => {
    for (const status of ORDER_STATUSES) expect(canTransition(status, status)).toBe(false);
  });
});
