export class PromotionResponse {
  id: string;
  campaignId: string | null;
  name: string;
  type: string;
  currency: string;
  stacking: string;
  priority: number;
  requiresCoupon: boolean;
  /** ISO 8601 UTC */
  startsAt: string | null;
  /** ISO 8601 UTC */
  endsAt: string | null;
  /** ACTIVE or STOPPED */
  status: string;
  /** The type's parameters (tiers, percent, buy/get, sale price and caps, ...) */
  rule: Record<string, unknown>;
  scope: Record<string, unknown> | null;
  /** Flash sales: units sold at the sale price so far */
  flashSold: number;
}

export class CampaignResponse {
  id: string;
  name: string;
  currency: string;
  /** Minor units; null: no limit */
  budget: number | null;
  /** Discounts given so far, minor units (restored on cancellation and full refund) */
  spent: number;
  /** ACTIVE, BUDGET_SPENT or STOPPED */
  status: string;
  /** ISO 8601 UTC */
  createdAt: string;
}

export class CampaignReportResponse {
  campaignId: string;
  name: string;
  currency: string;
  budget: number | null;
  /** Discounts of orders not cancelled, minor units */
  discountCost: number;
  /** Orders placed with one of the campaign's promotions, not cancelled */
  attributedOrders: number;
  /** Of those, completed (past the return window) */
  completedOrders: number;
  /** What the attributed orders charged (after discounts), minor units; fully refunded ones excluded */
  revenue: number;
  /** Attributed orders that were the customer's first */
  newCustomers: number;
  /** Attributed orders of customers who had ordered before */
  repeatPurchases: number;
  /** (revenue - discountCost) / discountCost; null without cost */
  roi: number | null;
}
