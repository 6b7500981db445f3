/**
 * Topic per aggregate stream: `<service>.<aggregate>.v<major>`. The message key is the aggregate id,
 * so one aggregate's events stay in order on one partition.
 */
export const Topics = {
  merchantsMerchant: 'merchants.merchant.v1',
  catalogProduct: 'catalog.product.v1',
  inventoryStock: 'inventory.stock.v1',
  ordersOrder: 'orders.order.v1',
  logisticsShipment: 'logistics.shipment.v1',
  membershipMember: 'membership.member.v1',
  marketingPromotion: 'marketing.promotion.v1',
  marketingCoupon: 'marketing.coupon.v1',
  customerServiceTicket: 'customer-service.ticket.v1',
  customerServiceReturn: 'customer-service.return.v1',
  customerServiceReview: 'customer-service.review.v1',
} as const;

export type TopicName = (typeof Topics)[keyof typeof Topics];

export const SERVICES = [
  'merchants',
  'catalog',
  'inventory',
  'orders',
  'logistics',
  'membership',
  'marketing',
  'customer-service',
] as const;
export type ServiceName = (typeof SERVICES)[number];

/** Dead letters of one consuming service. */
export function deadLetterTopic(service: ServiceName | string): string {
  return `${service}.dlq`;
}

/**
 * Partition counts are part of the contract: changing them moves keys between partitions.
 * Six gives headroom for six consumer replicas per group.
 */
export const STREAM_PARTITIONS = 6;
export const DEAD_LETTER_PARTITIONS = 1;

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long a subscriber may be down and still catch up without missing an event. */
export const STREAM_RETENTION_MS = 7 * DAY_MS;
/** Dead letters wait longer: a person has to look at them before they are replayed. */
export const DEAD_LETTER_RETENTION_MS = 14 * DAY_MS;

export interface TopicSpec {
  name: string;
  partitions: number;
  retentionMs: number;
}

/** Every topic the platform needs, streams first, then one dead-letter topic per service. */
export function allTopicSpecs(): TopicSpec[] {
  return [
    ...Object.values(Topics).map((name) => ({ name, partitions: STREAM_PARTITIONS, retentionMs: STREAM_RETENTION_MS })),
    ...SERVICES.map((service) => ({
      name: deadLetterTopic(service),
      partitions: DEAD_LETTER_PARTITIONS,
      retentionMs: DEAD_LETTER_RETENTION_MS,
    })),
  ];
}
