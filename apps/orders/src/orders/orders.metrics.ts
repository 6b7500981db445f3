import { Counter, register } from 'prom-client';

/** Business counters for dashboards: how many orders reach each status, and why they are cancelled. */
export const ordersMetrics = {
  transitions:
    (register.getSingleMetric('emporium_orders_total') as Counter) ??
    new Counter({ name: 'emporium_orders_total', help: 'Orders by status reached (and cancellation reason)', labelNames: ['status', 'reason'] }),
};
