import { Counter, Gauge, Histogram, register } from 'prom-client';

function gauge(name: string, help: string, labelNames: string[] = []) {
  return (register.getSingleMetric(name) as Gauge) ?? new Gauge({ name, help, labelNames });
}
function counter(name: string, help: string, labelNames: string[] = []) {
  return (register.getSingleMetric(name) as Counter) ?? new Counter({ name, help, labelNames });
}

/** Metrics shared by every service; the default prom-client registry is what /metrics serves. */
export const messagingMetrics = {
  outboxBacklog: gauge('emporium_outbox_backlog', 'Events written to the outbox and not yet sent to Kafka'),
  outboxOldestAgeSeconds: gauge(
    'emporium_outbox_oldest_unsent_age_seconds',
    'Age of the oldest event not yet sent to Kafka (0 when none)',
  ),
  parkedMessages: counter(
    'emporium_parked_messages_total',
    'Messages sent to the dead-letter topic because an earlier message of their key is parked there',
  ),
  outboxSent: counter('emporium_outbox_sent_total', 'Events sent from the outbox to Kafka', ['topic']),
  consumerLag: gauge('emporium_consumer_lag', 'Messages behind the partition high watermark', ['topic', 'partition']),
  eventsConsumed: counter('emporium_events_consumed_total', 'Consumed events by outcome', ['type', 'outcome']),
  deadLetters: counter('emporium_dead_letters_total', 'Messages sent to the dead-letter topic', ['reason']),
  handlerSeconds:
    (register.getSingleMetric('emporium_event_handler_seconds') as Histogram) ??
    new Histogram({
      name: 'emporium_event_handler_seconds',
      help: 'Time to apply one event, inbox and transaction included',
      labelNames: ['type'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    }),
};
