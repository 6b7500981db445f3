import { allocate, percentOf } from './allocation';

/**
 * The promotions engine: prices a cart with a set of promotions. Pure (no clock, no database): the caller
 * passes the time, the customer's facts and how many flash-sale units are still available to this customer,
 * so every rule is a table test. Caps are enforced at redemption, not here; the engine only prices.
 *
 * Money is integer minor units throughout. Order of application (stackable promotions): highest priority
 * first, then by id; each works on what the lines still cost after the promotions before it, so the
 * discounts of a line never exceed its total.
 *
 * Why one file of ~340 lines: it is one thing, pricing a cart, and not a service (no state, no I/O); about
 * 130 lines are the types it prices with (cart, rules, result), and each rule's arithmetic reads best next
 * to the order it is applied in. The exact sharing-out of money lives in `allocation.ts`, the mapping of a
 * request to a rule in `promotion-rules.ts`.
 */

export type MemberTier = 'ORDINARY' | 'SILVER' | 'GOLD' | 'DIAMOND';

export interface CartLine {
  sku: string;
  quantity: number;
  unitPrice: number;
  merchantId?: string | null;
  categories?: readonly string[];
}

export interface Cart {
  currency: string;
  lines: readonly CartLine[];
  shippingFee?: number;
}

export interface CustomerFacts {
  customerId?: string;
  tier?: MemberTier | null;
  /** Percent off for the tier as membership's benefits table says (tier-changed event). */
  tierDiscountPercent?: number | null;
  /** Orders the customer placed before (not cancelled); 0 makes a new customer. */
  previousOrders: number;
}

/** Which lines a promotion looks at; empty or absent lists mean "any". A line must match every list given. */
export interface Scope {
  skus?: readonly string[];
  categories?: readonly string[];
  merchantIds?: readonly string[];
}

export interface ThresholdTier {
  /** Spend at least this (eligible lines, after earlier promotions)... */
  minSpend: number;
  /** ...and get this much off. */
  amountOff: number;
}

export type PromotionRule =
  | { type: 'THRESHOLD'; tiers: readonly ThresholdTier[] }
  | { type: 'PERCENT_OFF'; percent: number }
  | {
      type: 'BUY_X_GET_Y';
      buy: number;
      get: number;
      /** percent off the "get" units; 100 = free */ percentOff?: number;
    }
  | { type: 'FLASH_SALE'; sku: string; salePrice: number; totalCap: number; perCustomerCap: number }
  | {
      type: 'MEMBER_DAY';
      /** ISO weekdays, 1 = Monday ... 7 = Sunday (UTC) */ weekdays?: readonly number[];
      /** days of month (UTC) */ monthDays?: readonly number[];
      percent: number;
      tiers?: readonly MemberTier[];
    }
  | {
      type: 'TIER_DISCOUNT';
      /** percent per tier; absent tier falls back to membership's benefits table */ percentByTier?: Partial<
        Record<MemberTier, number>
      >;
    }
  | { type: 'NEW_CUSTOMER'; amountOff?: number; percent?: number; minSpend?: number }
  | { type: 'FREE_SHIPPING'; minSpend: number };

export type PromotionType = PromotionRule['type'];

export interface Promotion {
  id: string;
  name: string;
  rule: PromotionRule;
  scope?: Scope;
  /** EXCLUSIVE: never combined with another promotion; STACKABLE: combined with the other stackable ones. */
  stacking: 'EXCLUSIVE' | 'STACKABLE';
  /** Higher first. */
  priority: number;
  startsAt?: Date | null;
  endsAt?: Date | null;
  /** Set when the promotion only applies with this coupon code (the caller includes it only when the code was given). */
  couponCode?: string | null;
}

export interface PricingContext {
  now: Date;
  customer: CustomerFacts;
  /** Flash-sale units still available to this customer per promotion id (min of the total and the per-customer room left). */
  flashUnitsAvailable?: Readonly<Record<string, number>>;
}

export interface AppliedPromotion {
  promotionId: string;
  name: string;
  type: PromotionType;
  couponCode: string | null;
  /** Off the lines, minor units (sum of `lineDiscounts`). */
  discount: number;
  /** Off the shipping fee. */
  shippingDiscount: number;
  /** This promotion's share per cart line (same order as the cart); refunds need them. */
  lineDiscounts: number[];
  /** Flash-sale units priced at the sale price (what redemption must take from the caps). */
  flashUnits: number;
}

export interface PricedLine {
  sku: string;
  quantity: number;
  unitPrice: number;
  lineTotal: number;
  discount: number;
}

export interface PricedCart {
  currency: string;
  lines: PricedLine[];
  subtotal: number;
  discountTotal: number;
  shippingFee: number;
  shippingDiscount: number;
  total: number;
  promotions: AppliedPromotion[];
}

export class PricingError extends Error {}

function inScope(line: CartLine, scope: Scope | undefined): boolean {
  if (!scope) return true;
  if (scope.skus?.length && !scope.skus.includes(line.sku)) return false;
  if (scope.merchantIds?.length && !(line.merchantId && scope.merchantIds.includes(line.merchantId))) return false;
  if (scope.categories?.length && !(line.categories ?? []).some((category) => scope.categories!.includes(category)))
    return false;
  return true;
}

export function isActive(promotion: Promotion, now: Date): boolean {
  if (promotion.startsAt && now < promotion.startsAt) return false;
  if (promotion.endsAt && now >= promotion.endsAt) return false;
  return true;
}

function isoWeekday(date: Date): number {
  return date.getUTCDay() === 0 ? 7 : date.getUTCDay();
}

interface Step {
  lineDiscounts: number[];
  shippingDiscount: number;
  flashUnits: number;
}

/** Shares a whole-cart amount over the eligible lines by what they still cost. */
function spread(amount: number, remaining: readonly number[], eligible: readonly boolean[]): number[] {
  const weights = remaining.map((value, index) => (eligible[index] ? value : 0));
  const capped = Math.min(
    amount,
    weights.reduce((sum, weight) => sum + weight, 0),
  );
  return capped === 0 ? remaining.map(() => 0) : allocate(capped, weights);
}

/** One promotion on the cart as it stands (`remaining` = what each line still costs); null when it does not apply. */
function evaluate(
  promotion: Promotion,
  cart: Cart,
  remaining: readonly number[],
  remainingShipping: number,
  context: PricingContext,
): Step | null {
  if (!isActive(promotion, context.now)) return null;
  const eligible = cart.lines.map((line) => inScope(line, promotion.scope));
  const eligibleSpend = remaining.reduce((sum, value, index) => (eligible[index] ? sum + value : sum), 0);
  const none = cart.lines.map(() => 0);
  const rule = promotion.rule;
  switch (rule.type) {
    case 'THRESHOLD': {
      const reached = [...rule.tiers]
        .filter((tier) => eligibleSpend >= tier.minSpend)
        .sort((a, b) => b.minSpend - a.minSpend)[0];
      if (!reached || reached.amountOff <= 0) return null;
      return { lineDiscounts: spread(reached.amountOff, remaining, eligible), shippingDiscount: 0, flashUnits: 0 };
    }
    case 'PERCENT_OFF': {
      const off = percentOf(eligibleSpend, rule.percent);
      return off > 0 ? { lineDiscounts: spread(off, remaining, eligible), shippingDiscount: 0, flashUnits: 0 } : null;
    }
    case 'BUY_X_GET_Y': {
      // Units of the eligible lines, cheapest last: in every group of buy+get units the cheapest `get` are discounted.
      const units = cart.lines
        .flatMap((line, index) =>
          eligible[index] ? Array.from({ length: line.quantity }, () => ({ index, price: line.unitPrice })) : [],
        )
        .sort((a, b) => b.price - a.price || a.index - b.index);
      const groups = Math.floor(units.length / (rule.buy + rule.get));
      if (groups === 0) return null;
      const discounted = units.slice(units.length - groups * rule.get);
      const lineDiscounts = [...none];
      for (const unit of discounted) lineDiscounts[unit.index] += percentOf(unit.price, rule.percentOff ?? 100);
      // Earlier promotions may already have taken part of a line.
      const capped = lineDiscounts.map((value, index) => Math.min(value, remaining[index]));
      return capped.some((value) => value > 0) ? { lineDiscounts: capped, shippingDiscount: 0, flashUnits: 0 } : null;
    }
    case 'FLASH_SALE': {
      let available = context.flashUnitsAvailable?.[promotion.id] ?? Math.min(rule.totalCap, rule.perCustomerCap);
      const lineDiscounts = [...none];
      let flashUnits = 0;
      cart.lines.forEach((line, index) => {
        if (line.sku !== rule.sku || !eligible[index] || line.unitPrice <= rule.salePrice || available <= 0) return;
        const units = Math.min(line.quantity, available);
        available -= units;
        flashUnits += units;
        lineDiscounts[index] = Math.min((line.unitPrice - rule.salePrice) * units, remaining[index]);
      });
      return flashUnits > 0 ? { lineDiscounts, shippingDiscount: 0, flashUnits } : null;
    }
    case 'MEMBER_DAY': {
      const tier = context.customer.tier;
      if (!tier) return null; // member days are for members
      if (rule.tiers?.length && !rule.tiers.includes(tier)) return null;
      if (rule.weekdays?.length && !rule.weekdays.includes(isoWeekday(context.now))) return null;
      if (rule.monthDays?.length && !rule.monthDays.includes(context.now.getUTCDate())) return null;
      const off = percentOf(eligibleSpend, rule.percent);
      return off > 0 ? { lineDiscounts: spread(off, remaining, eligible), shippingDiscount: 0, flashUnits: 0 } : null;
    }
    case 'TIER_DISCOUNT': {
      const tier = context.customer.tier;
      if (!tier) return null;
      const percent = rule.percentByTier?.[tier] ?? context.customer.tierDiscountPercent ?? 0;
      const off = percentOf(eligibleSpend, percent);
      return off > 0 ? { lineDiscounts: spread(off, remaining, eligible), shippingDiscount: 0, flashUnits: 0 } : null;
    }
    case 'NEW_CUSTOMER': {
      if (context.customer.previousOrders > 0) return null;
      if (rule.minSpend !== undefined && eligibleSpend < rule.minSpend) return null;
      const off = (rule.amountOff ?? 0) + (rule.percent ? percentOf(eligibleSpend, rule.percent) : 0);
      return off > 0 ? { lineDiscounts: spread(off, remaining, eligible), shippingDiscount: 0, flashUnits: 0 } : null;
    }
    case 'FREE_SHIPPING': {
      if (eligibleSpend < rule.minSpend || remainingShipping === 0) return null;
      return { lineDiscounts: none, shippingDiscount: remainingShipping, flashUnits: 0 };
    }
  }
}

function byPriority(a: Promotion, b: Promotion): number {
  return b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Applies promotions one after the other, each on what the cart still costs. */
function applyInOrder(promotions: readonly Promotion[], cart: Cart, context: PricingContext): PricedCart {
  const lineTotals = cart.lines.map((line) => line.unitPrice * line.quantity);
  const remaining = [...lineTotals];
  const shippingFee = cart.shippingFee ?? 0;
  let remainingShipping = shippingFee;
  const applied: AppliedPromotion[] = [];
  for (const promotion of promotions) {
    const step = evaluate(promotion, cart, remaining, remainingShipping, context);
    if (!step) continue;
    step.lineDiscounts.forEach((value, index) => (remaining[index] -= value));
    remainingShipping -= step.shippingDiscount;
    applied.push({
      promotionId: promotion.id,
      name: promotion.name,
      type: promotion.rule.type,
      couponCode: promotion.couponCode ?? null,
      discount: step.lineDiscounts.reduce((sum, value) => sum + value, 0),
      shippingDiscount: step.shippingDiscount,
      lineDiscounts: step.lineDiscounts,
      flashUnits: step.flashUnits,
    });
  }
  const lines = cart.lines.map((line, index) => ({
    sku: line.sku,
    quantity: line.quantity,
    unitPrice: line.unitPrice,
    lineTotal: lineTotals[index],
    discount: lineTotals[index] - remaining[index],
  }));
  const subtotal = lineTotals.reduce((sum, value) => sum + value, 0);
  const discountTotal = lines.reduce((sum, line) => sum + line.discount, 0);
  const shippingDiscount = shippingFee - remainingShipping;
  return {
    currency: cart.currency,
    lines,
    subtotal,
    discountTotal,
    shippingFee,
    shippingDiscount,
    total: subtotal - discountTotal + shippingFee - shippingDiscount,
    promotions: applied,
  };
}

function validate(cart: Cart): void {
  if (cart.lines.length === 0) throw new PricingError('a cart needs at least one line');
  for (const line of cart.lines) {
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1)
      throw new PricingError(`quantity of ${line.sku} must be a positive integer`);
    if (!Number.isSafeInteger(line.unitPrice) || line.unitPrice < 0)
      throw new PricingError(`unit price of ${line.sku} must be a non-negative integer`);
  }
  if (cart.shippingFee !== undefined && (!Number.isSafeInteger(cart.shippingFee) || cart.shippingFee < 0))
    throw new PricingError('shipping fee must be a non-negative integer');
}

/**
 * The best price for the customer: every stackable promotion together, or one exclusive promotion alone,
 * whichever leaves the lowest total. A tie goes to the candidate whose leading promotion has the higher
 * priority (then the combination of stackables), so the answer is the same every time.
 */
export function priceCart(cart: Cart, promotions: readonly Promotion[], context: PricingContext): PricedCart {
  validate(cart);
  const active = promotions.filter((promotion) => isActive(promotion, context.now));
  const stackable = active.filter((promotion) => promotion.stacking === 'STACKABLE').sort(byPriority);
  const exclusive = active.filter((promotion) => promotion.stacking === 'EXCLUSIVE').sort(byPriority);
  const candidates: { priority: number; priced: PricedCart }[] = [
    { priority: stackable[0]?.priority ?? Number.NEGATIVE_INFINITY, priced: applyInOrder(stackable, cart, context) },
    ...exclusive.map((promotion) => ({
      priority: promotion.priority,
      priced: applyInOrder([promotion], cart, context),
    })),
  ];
  let best = candidates[0];
  for (const candidate of candidates.slice(1)) {
    if (
      candidate.priced.total < best.priced.total ||
      (candidate.priced.total === best.priced.total && candidate.priority > best.priority)
    )
      best = candidate;
  }
  return best.priced;
}
