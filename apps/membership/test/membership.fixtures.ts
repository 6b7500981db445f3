import {
  OrderCancelledV2Event,
  OrderCompleted,
  OrderConfirmed,
  OrderPlaced,
  OrderRefunded,
  ReviewPublished,
  Topics,
} from '@emporium/contracts';
import { eventMessage, publishRaw, RunningService, TestRun, tokenFor } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';

export const ops = () => `Bearer ${tokenFor('ops')}`;
export const service = () => `Bearer ${tokenFor('service')}`;
export const customer = (id: string) => `Bearer ${tokenFor('customer', id)}`;

export function topics(run: TestRun) {
  return {
    orders: run.topicPrefix + Topics.ordersOrder,
    reviews: run.topicPrefix + Topics.customerServiceReview,
    members: run.topicPrefix + Topics.membershipMember,
  };
}

export function profile(overrides: Record<string, unknown> = {}) {
  const tag = randomUUID().slice(0, 8);
  return {
    name: 'Ada Lovelace',
    email: `ada.${tag}@example.com`,
    phone: '+49 40 1234567',
    birthday: '1990-07-04',
    region: 'EU-DE',
    marketingConsent: true,
    ...overrides,
  };
}

export async function register(
  membership: RunningService,
  memberId: string = randomUUID(),
  overrides: Record<string, unknown> = {},
) {
  const body = profile(overrides);
  const response = await request(membership.url)
    .post('/members')
    .set('Authorization', customer(memberId))
    .send(body)
    .expect(201);
  return { memberId, email: body.email as string, member: response.body };
}

const LINE = {
  sku: 'TSHIRT-RED-M',
  quantity: 2,
  unitPrice: 1999,
  lineTotal: 3998,
  merchantId: 'c8e1f0a2-1b3c-4d5e-8f70-9a1b2c3d4e5f',
};
const now = () => new Date().toISOString();

export const placed = (customerId: string, orderId: string, pointsToRedeem: number, totalAmount = 3998) =>
  eventMessage(OrderPlaced, {
    orderId,
    customerId,
    currency: 'EUR',
    lines: [LINE],
    totalAmount,
    placedAt: now(),
    pointsToRedeem,
    amountToPay: totalAmount - pointsToRedeem,
  });

export const confirmed = (customerId: string, orderId: string, totalAmount = 3998) =>
  eventMessage(OrderConfirmed, {
    orderId,
    customerId,
    currency: 'EUR',
    lines: [LINE],
    totalAmount,
    confirmedAt: now(),
  });

export const cancelled = (
  customerId: string,
  orderId: string,
  pointsToRedeem: number | undefined,
  wasConfirmed: boolean,
) =>
  eventMessage(OrderCancelledV2Event, {
    orderId,
    customerId,
    reason: 'PAYMENT_DECLINED',
    lines: [LINE],
    pointsToRedeem,
    wasConfirmed,
    cancelledAt: now(),
  });

export const completed = (customerId: string, orderId: string, totalAmount: number) =>
  eventMessage(OrderCompleted, {
    orderId,
    customerId,
    currency: 'EUR',
    lines: [{ ...LINE, quantity: 1, unitPrice: totalAmount, lineTotal: totalAmount }],
    totalAmount,
    completedAt: now(),
  });

export const refunded = (
  customerId: string,
  orderId: string,
  refundId: string,
  amount: number,
  fullyRefunded: boolean,
  pointsRefunded = 0,
) =>
  eventMessage(OrderRefunded, {
    orderId,
    customerId,
    refundId,
    currency: 'EUR',
    amount,
    pointsRefunded,
    // The lines' value counts the points given back too; the card gets `amount`.
    lines: [{ sku: LINE.sku, quantity: 1, amount: amount + pointsRefunded }],
    fullyRefunded,
    refundedAt: now(),
  });

export const reviewPublished = (customerId: string, reviewId: string = randomUUID()) =>
  eventMessage(ReviewPublished, {
    reviewId,
    productId: randomUUID(),
    merchantId: LINE.merchantId,
    customerId,
    rating: 5,
    publishedAt: now(),
  });

export async function publish(topic: string, ...messages: ReturnType<typeof placed>[]) {
  await publishRaw(topic, messages);
}

/** Grants points directly through the ledger path a review takes (FEEDBACK_POINTS each). */
export async function pointsOf(membership: RunningService, memberId: string) {
  const { body } = await request(membership.url)
    .get(`/members/${memberId}/points`)
    .set('Authorization', ops())
    .expect(200);
  return body as { balance: number; held: number; tier: string; multiplierPercent: number };
}

/** The balance column and the ledger's sum, straight from the database: they must always agree. */
export async function ledgerSum(
  membership: RunningService,
  memberId: string,
): Promise<{ balance: number; sum: number; negatives: number }> {
  const [row] = await membership.dataSource.query(
    `SELECT m.points_balance AS balance, (SELECT coalesce(sum(points), 0) FROM points_ledger WHERE member_id = m.id)::int AS sum,
            (SELECT count(*) FROM points_ledger WHERE member_id = m.id AND balance_after < 0)::int AS negatives
       FROM members m WHERE m.id = $1`,
    [memberId],
  );
  return row;
}
