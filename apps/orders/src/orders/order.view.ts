import { Order } from './order.entity';
import { OrderStatusChange } from './order-status-change.entity';

/** An order in a list: everything but the timeline. */
export function orderSummary(order: Order) {
  return {
    id: order.id,
    customerId: order.customerId,
    status: order.status,
    currency: order.currency,
    subtotal: order.subtotal ?? order.lines.reduce((sum, line) => sum + line.lineTotal, 0),
    discountTotal: order.discountTotal,
    shippingFee: order.shippingFee,
    totalAmount: order.totalAmount,
    pointsToRedeem: order.pointsToRedeem,
    amountToPay: order.amountToPay ?? order.totalAmount,
    couponCodes: order.couponCodes,
    shippingAddress: order.shippingAddress ?? undefined,
    deliveryOption: order.deliveryOption ?? undefined,
    shippingQuoteId: order.shippingQuoteId ?? undefined,
    lines: [...order.lines]
      .sort((a, b) => a.lineNo - b.lineNo)
      .map((line) => ({
        sku: line.sku,
        quantity: line.quantity,
        unitPrice: line.unitPrice,
        lineTotal: line.lineTotal,
        discount: line.discount,
        merchantId: line.merchantId ?? undefined,
      })),
    createdAt: order.createdAt.toISOString(),
  };
}

/** The order as the API shows it, with its timeline oldest first. */
export function orderView(order: Order, timeline: OrderStatusChange[]) {
  return {
    ...orderSummary(order),
    timeline: timeline.map((change) => ({
      status: change.status,
      at: change.at.toISOString(),
      reason: change.reason ?? undefined,
      detail: change.detail ?? undefined,
    })),
  };
}

export type OrderView = ReturnType<typeof orderView>;
