import { Counter, register } from 'prom-client';

// Several app instances can share one process (tests, the benchmark): register each metric once.
function counter(name: string, help: string, labelNames: string[]): Counter {
  return (register.getSingleMetric(name) as Counter) ?? new Counter({ name, help, labelNames });
}

/** Business counters next to the platform's HTTP and messaging metrics. */
export const inventoryMetrics = {
  reservations: counter('emporium_inventory_reservations_total', 'Reservation answers by outcome', ['outcome']),
  expired: counter(
    'emporium_inventory_reservations_expired_total',
    'Reservations released because their order was not confirmed in time',
    [],
  ),
  alerts: counter('emporium_inventory_stock_alerts_total', 'Availability crossings announced', ['signal']),
  movements: counter('emporium_inventory_stock_movements_total', 'Ledger rows written, by cause', ['cause']),
};
