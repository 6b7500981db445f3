import { DomainError } from '@emporium/platform';

interface OrderForRefund {
  id: string;
  totalAmount: number;
  shippingFee: number;
  pointsToRedeem: number;
  lines: { sku: string; quantity: number; lineTotal: number; discount: number; merchantId: string | null }[];
}

interface EarlierRefund {
  amount: number;
  points: number;
  lines: { sku: string; quantity: number; amount: number }[] | null;
}

export interface RefundPlan {
  /** Money back to the card, minor units. */
  amount: number;
  /** Points back to the member. */
  points: number;
  /** Per SKU: the units and their value (price net of their discount share). */
  lines: { sku: string; quantity: number; amount: number; merchantId?: string }[];
}

/**
 * What a refund of these units gives back. Pure, unit-tested with hand-computed figures:
 * - a line's units are worth its total net of its discount share, pro rata per unit (rounded down), and
 *   the refund that returns a line's last units gets the rest of it, so a line's parts add up exactly;
 * - the refund that returns the order's last units also gives back the shipping fee (everything charged);
 * - points come back in proportion of the value to the order total (rounded down; the last refund gets
 *   the rest), the remainder is money.
 */
export function refundOf(
  order: OrderForRefund,
  requested: { sku: string; quantity: number }[],
  earlier: EarlierRefund[],
): RefundPlan {
  const earlierUnits = new Map<string, { quantity: number; amount: number }>();
  for (const refund of earlier) {
    for (const line of refund.lines ?? []) {
      const sum = earlierUnits.get(line.sku) ?? { quantity: 0, amount: 0 };
      earlierUnits.set(line.sku, { quantity: sum.quantity + line.quantity, amount: sum.amount + line.amount });
    }
  }
  const lines = requested.map((want, index) => {
    const line = order.lines.find((l) => l.sku === want.sku);
    if (!line)
      throw new DomainError('REFUND_UNKNOWN_SKU', `order ${order.id} has no line for ${want.sku}`, 422, {
        errors: [{ field: `lines.${index}.sku`, message: 'not on the order' }],
      });
    const before = earlierUnits.get(want.sku) ?? { quantity: 0, amount: 0 };
    if (before.quantity + want.quantity > line.quantity) {
      throw new DomainError(
        'REFUND_EXCEEDS_ORDER',
        `${want.sku}: ${want.quantity} more units than the ${line.quantity - before.quantity} not yet refunded`,
        422,
        {
          errors: [{ field: `lines.${index}.quantity`, message: `at most ${line.quantity - before.quantity}` }],
        },
      );
    }
    const net = line.lineTotal - line.discount;
    const amount =
      before.quantity + want.quantity === line.quantity
        ? net - before.amount
        : Math.floor((net * want.quantity) / line.quantity);
    earlierUnits.set(want.sku, { quantity: before.quantity + want.quantity, amount: before.amount + amount });
    return {
      sku: want.sku,
      quantity: want.quantity,
      amount,
      ...(line.merchantId ? { merchantId: line.merchantId } : {}),
    };
  });
  const last = order.lines.every((line) => (earlierUnits.get(line.sku)?.quantity ?? 0) >= line.quantity);
  const value = lines.reduce((sum, line) => sum + line.amount, 0) + (last ? order.shippingFee : 0);
  const pointsBack = earlier.reduce((sum, refund) => sum + refund.points, 0);
  const pointsLeft = order.pointsToRedeem - pointsBack;
  const points = last
    ? pointsLeft
    : Math.min(
        pointsLeft,
        order.totalAmount === 0 ? 0 : Math.floor((value * order.pointsToRedeem) / order.totalAmount),
      );
  return { amount: value - points, points, lines };
}
