import { summarizeMetrics } from './status';

describe('npm run status: summary of a service /metrics', () => {
  it('sums each family over its labels and says NaN for a family the service does not export', () => {
    const metrics = [
      '# HELP emporium_consumer_lag Messages behind the partition high watermark',
      '# TYPE emporium_consumer_lag gauge',
      'emporium_consumer_lag{topic="orders.order.v1",partition="0",service="inventory"} 3',
      'emporium_consumer_lag{topic="orders.order.v1",partition="5",service="inventory"} 4',
      'emporium_outbox_backlog{service="inventory"} 12',
      'emporium_outbox_oldest_unsent_age_seconds{service="inventory"} 2.5',
      'emporium_outbox_sent_total{topic="inventory.stock.v1",service="inventory"} 99',
    ].join('\n');
    expect(summarizeMetrics(metrics)).toEqual({
      consumerLag: 7,
      outboxBacklog: 12,
      oldestUnsentSeconds: 2.5,
      deadLetters: NaN,
    });
  });

  it('counts dead letters over every reason', () => {
    const metrics = [
      'emporium_dead_letters_total{reason="invalid-data",service="orders"} 2',
      'emporium_dead_letters_total{reason="handler-failed",service="orders"} 1',
    ].join('\n');
    expect(summarizeMetrics(metrics).deadLetters).toBe(3);
  });
});
