import { Counter, register } from 'prom-client';

function counter(name: string, help: string, labelNames: string[]): Counter {
  return (register.getSingleMetric(name) as Counter) ?? new Counter({ name, help, labelNames });
}

/** Business counters for dashboards: parcels per carrier and status reached, webhook outcomes, delays. */
export const logisticsMetrics = {
  shipments: counter('emporium_shipments_total', 'Shipments reaching a status, per carrier and kind', [
    'status',
    'carrier',
    'kind',
  ]),
  webhooks: counter('emporium_carrier_webhooks_total', 'Carrier tracking webhooks by carrier and outcome', [
    'carrier',
    'outcome',
  ]),
  delays: counter('emporium_shipment_delays_total', 'Missed promises raised, by stage', ['stage']),
};
