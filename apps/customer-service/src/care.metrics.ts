import { Counter, register } from 'prom-client';

function counter(name: string, help: string, labelNames: string[]): Counter {
  return (register.getSingleMetric(name) as Counter) ?? new Counter({ name, help, labelNames });
}

/** Business counters for dashboards: returns by how they were decided, SLA breaches, notifications by outcome. */
export const careMetrics = {
  returns: counter(
    'emporium_returns_total',
    'Returns reaching a status (REQUESTED, APPROVED by automatic or agent, REJECTED, REFUNDED ...)',
    ['status', 'decision'],
  ),
  slaBreaches: counter('emporium_sla_breaches_total', 'SLA breaches raised, by ticket kind and target', [
    'kind',
    'target',
  ]),
  notifications: counter(
    'emporium_notifications_total',
    'Notifications by template and outcome (SENT, OPTED_OUT, UNDELIVERABLE, FAILED)',
    ['template', 'outcome'],
  ),
  reviews: counter('emporium_reviews_total', 'Reviews written, by status on arrival and rating', ['status', 'rating']),
};
