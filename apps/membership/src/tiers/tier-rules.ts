import { MEMBER_TIERS, MemberTier, TierBenefitsV1 } from '@emporium/contracts';

/**
 * Tier rules, pure. A member reaches a tier when its rolling 12-month spend OR its completed-order count
 * in those 12 months reaches the tier's numbers (either path: a big spender with few orders and a
 * frequent buyer of small things both qualify). Upgrades apply at once; a lower qualifying tier only
 * takes effect when the member's tier period ends, so a quiet month does not cost a tier.
 */
export interface TierThreshold {
  tier: Exclude<MemberTier, 'ORDINARY'>;
  /** Minor units of spend in the last 12 months (completed orders, less refunds). */
  minSpend: number;
  /** Completed orders in the last 12 months (fully refunded ones do not count). */
  minOrders: number;
}

export const rankOf = (tier: MemberTier): number => MEMBER_TIERS.indexOf(tier);

/** `SILVER:50000:5,GOLD:200000:15,DIAMOND:500000:40`; each tier must ask more than the one below. */
export function parseTierThresholds(text: string): TierThreshold[] {
  const thresholds = text.split(',').map((part) => {
    const [tier, spend, orders] = part.split(':');
    return { tier: tier as TierThreshold['tier'], minSpend: Number(spend), minOrders: Number(orders) };
  });
  thresholds.sort((a, b) => rankOf(a.tier) - rankOf(b.tier));
  const tiers = thresholds.map((t) => t.tier).join(',');
  if (tiers !== 'SILVER,GOLD,DIAMOND')
    throw new Error(
      `invalid configuration:\n  TIER_THRESHOLDS: must name SILVER, GOLD and DIAMOND once each (got ${tiers})`,
    );
  for (let i = 1; i < thresholds.length; i++) {
    if (
      thresholds[i].minSpend <= thresholds[i - 1].minSpend ||
      thresholds[i].minOrders <= thresholds[i - 1].minOrders
    ) {
      throw new Error(
        `invalid configuration:\n  TIER_THRESHOLDS: ${thresholds[i].tier} must ask more spend and more orders than ${thresholds[i - 1].tier}`,
      );
    }
  }
  return thresholds;
}

/** The highest tier the member's last 12 months qualify for. */
export function qualifyingTier(thresholds: TierThreshold[], spend: number, orders: number): MemberTier {
  let tier: MemberTier = 'ORDINARY';
  for (const threshold of thresholds) {
    if (spend >= threshold.minSpend || orders >= threshold.minOrders) tier = threshold.tier;
  }
  return tier;
}

/** Upgrades at once; the same or lower tier only at the end of the member's tier period. */
export function nextTier(current: MemberTier, qualifying: MemberTier, atPeriodEnd: boolean): MemberTier {
  if (rankOf(qualifying) > rankOf(current)) return qualifying;
  return atPeriodEnd ? qualifying : current;
}

/**
 * What each tier gives. GOLD's numbers are the contract's example. Free shipping applies to orders at
 * or above the threshold (minor units, EUR); absent means never free. Multipliers are in hundredths.
 */
export const TIER_BENEFITS: Record<MemberTier, TierBenefitsV1> = {
  ORDINARY: { discountPercent: 0, pointsMultiplierPercent: 100, priorityShipping: false, birthdayGiftPoints: 100 },
  SILVER: {
    discountPercent: 2,
    freeShippingThreshold: 4900,
    pointsMultiplierPercent: 125,
    priorityShipping: false,
    birthdayGiftPoints: 300,
  },
  GOLD: {
    discountPercent: 5,
    freeShippingThreshold: 2900,
    pointsMultiplierPercent: 150,
    priorityShipping: true,
    birthdayGiftPoints: 1000,
  },
  DIAMOND: {
    discountPercent: 10,
    freeShippingThreshold: 0,
    pointsMultiplierPercent: 200,
    priorityShipping: true,
    birthdayGiftPoints: 2000,
  },
};

/** Adds whole months in UTC, clamping to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: Date, months: number): Date {
  const result = new Date(date.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}
