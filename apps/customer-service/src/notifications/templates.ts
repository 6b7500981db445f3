/**
 * What members are told, per template. Plain text: the same words go to email and to the development
 * mailbox. Data carries ids and amounts only; the greeting name comes from the contact directory.
 */
export const NOTIFICATION_CATEGORIES = ['ORDERS', 'SHIPMENTS', 'RETURNS', 'TICKETS', 'GREETINGS', 'SURVEYS'] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

/** Formats minor units in the currency's own number of decimals (EUR 2, JPY 0). */
export function money(amount: number, currency: string): string {
  const digits =
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return `${(amount / 10 ** digits).toFixed(digits)} ${currency}`;
}

type Data = Record<string, unknown>;
interface Template {
  category: NotificationCategory;
  subject(data: Data): string;
  body(data: Data): string;
}

const s = (value: unknown) => String(value ?? '');

export const TEMPLATES = {
  ORDER_CONFIRMED: {
    category: 'ORDERS',
    subject: (d) => `Order ${s(d.orderId)} confirmed`,
    body: (d) =>
      `Your order ${s(d.orderId)} is confirmed: ${money(Number(d.totalAmount), s(d.currency))}. We will tell you when it ships.`,
  },
  ORDER_SHIPPED: {
    category: 'SHIPMENTS',
    subject: (d) => `Order ${s(d.orderId)} is on its way`,
    body: (d) => `Your order ${s(d.orderId)} has been handed to the carrier.`,
  },
  ORDER_DELIVERED: {
    category: 'SHIPMENTS',
    subject: (d) => `Order ${s(d.orderId)} delivered`,
    body: (d) =>
      `Your order ${s(d.orderId)} was delivered. You can return items without giving a reason until ${s(d.returnWindowEndsAt)}.`,
  },
  SHIPMENT_DELAYED: {
    category: 'SHIPMENTS',
    subject: (d) => `Your order ${s(d.orderId)} is running late`,
    body: (d) =>
      `A parcel of your order ${s(d.orderId)} is late. We are on it (ticket ${s(d.ticketId)}) and a coupon is on its way to you.`,
  },
  SHIPMENT_LOST: {
    category: 'SHIPMENTS',
    subject: (d) => `A parcel of order ${s(d.orderId)} was lost`,
    body: (d) =>
      `The carrier lost a parcel of your order ${s(d.orderId)}. We opened ticket ${s(d.ticketId)} and a coupon is on its way to you.`,
  },
  SHIPMENT_DAMAGED: {
    category: 'SHIPMENTS',
    subject: (d) => `A parcel of order ${s(d.orderId)} was damaged`,
    body: (d) =>
      `A parcel of your order ${s(d.orderId)} was damaged in transit. We opened ticket ${s(d.ticketId)} and a coupon is on its way to you.`,
  },
  RETURN_IN_REVIEW: {
    category: 'RETURNS',
    subject: (d) => `Return ${s(d.returnId)} received for review`,
    body: (d) =>
      `We received your return request ${s(d.returnId)} for order ${s(d.orderId)}; an agent will look at it shortly.`,
  },
  RETURN_APPROVED: {
    category: 'RETURNS',
    subject: (d) => `Return ${s(d.returnId)} approved`,
    body: (d) => `Your return ${s(d.returnId)} for order ${s(d.orderId)} is approved. A return label follows.`,
  },
  RETURN_REJECTED: {
    category: 'RETURNS',
    subject: (d) => `Return ${s(d.returnId)} not accepted`,
    body: (d) => `We could not accept your return ${s(d.returnId)}: ${s(d.note)}`,
  },
  RETURN_LABEL: {
    category: 'RETURNS',
    subject: (d) => `Your return label for ${s(d.returnId)}`,
    body: (d) => `Hand your parcel to ${s(d.carrier)} with tracking number ${s(d.trackingNumber)}.`,
  },
  RETURN_RECEIVED: {
    category: 'RETURNS',
    subject: (d) => `We received your return ${s(d.returnId)}`,
    body: (d) => `Your returned parcel for order ${s(d.orderId)} arrived; we inspect it and refund you next.`,
  },
  RETURN_REFUNDED: {
    category: 'RETURNS',
    subject: (d) => `Return ${s(d.returnId)} refunded`,
    body: (d) => `We refunded ${money(Number(d.amount), s(d.currency))} for your return ${s(d.returnId)}.`,
  },
  RETURN_EXCHANGED: {
    category: 'RETURNS',
    subject: (d) => `Your replacement for ${s(d.returnId)} is on its way`,
    body: (d) => `We sent a replacement for your return ${s(d.returnId)} of order ${s(d.orderId)}.`,
  },
  TICKET_REPLY: {
    category: 'TICKETS',
    subject: (d) => `Re: ${s(d.subject)}`,
    body: (d) => `An agent answered your ticket ${s(d.ticketId)}. Read the reply in your account.`,
  },
  BIRTHDAY: {
    category: 'GREETINGS',
    subject: () => 'Happy birthday from Emporium',
    body: (d) => `Happy birthday! We added ${s(d.points)} points to your account.`,
  },
  SATISFACTION_SURVEY: {
    category: 'SURVEYS',
    subject: (d) => `How was your order ${s(d.orderId)}?`,
    body: (d) =>
      `Tell us how order ${s(d.orderId)} went: rate it from 1 to 5 in your account (survey ${s(d.surveyId)}).`,
  },
} satisfies Record<string, Template>;

export type TemplateName = keyof typeof TEMPLATES;

export function render(template: TemplateName, data: Data, name: string | null): { subject: string; text: string } {
  const t: Template = TEMPLATES[template];
  return { subject: t.subject(data), text: `Hello ${name ?? 'there'},\n\n${t.body(data)}\n\nEmporium customer care` };
}
