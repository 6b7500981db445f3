import { Counter, Histogram, register } from 'prom-client';

/** Business metrics for dashboards: how many orders reach each status, why they are cancelled, how long confirmation takes. */
export const ordersMetrics = {
  transitions:
    (register.getSingleMetric('emporium_orders_total') as Counter) ??
    new Counter({
      name: 'emporium_orders_total',
      help: 'Orders by status reached (and cancellation reason)',
      labelNames: ['status', 'reason'],
    }),
  // Placed -> confirmed spans the whole saga (every participant's answer): the customer's wait.
  confirmationSeconds:
    (register.getSingleMetric('emporium_order_confirmation_seconds') as Histogram) ??
    new Histogram({
      name: 'emporium_order_confirmation_seconds',
      help: 'Time from an order being placed to its confirmation',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    }),
};
