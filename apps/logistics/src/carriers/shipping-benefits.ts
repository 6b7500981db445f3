import { Injectable } from '@nestjs/common';
import { DomainEvent, MemberTierChangedV1 } from '@emporium/contracts';
import { EntityManager } from 'typeorm';
import { NO_BENEFITS, ShippingBenefits } from './carrier-choice';

/**
 * Where membership's free and priority shipping plug in, per customer. Quotes and shipments both ask it,
 * so the fee paid equals the fee charged.
 */
export abstract class ShippingBenefitsPort {
  /**
   * `goodsValue`: the order's goods in minor units (after discounts); unknown means no free shipping.
   * `manager`: the caller's transaction. Reading through it, not a second pooled connection, matters: a
   * quote asks inside its transaction, and 20 concurrent quotes each waiting for a second connection from
   * a pool of 20 never got one (found by bench:orders at 25/s; logistics stopped answering).
   */
  abstract benefitsFor(
    manager: EntityManager,
    customerId: string | undefined,
    goodsValue?: number,
  ): Promise<ShippingBenefits>;
}

@Injectable()
export class NoShippingBenefits extends ShippingBenefitsPort {
  async benefitsFor(): Promise<ShippingBenefits> {
    return NO_BENEFITS;
  }
}

/**
 * A read model of member tiers fed by `membership.member.tier-changed` (which carries the whole benefits
 * table): free shipping when the goods reach the tier's threshold, priority shipping as the tier says.
 * A customer membership never told us about has no benefits.
 */
@Injectable()
export class MemberTierBenefits extends ShippingBenefitsPort {
  async benefitsFor(
    manager: EntityManager,
    customerId: string | undefined,
    goodsValue?: number,
  ): Promise<ShippingBenefits> {
    if (!customerId) return NO_BENEFITS;
    const [tier] = await manager.query(
      `SELECT free_shipping_threshold, priority_shipping FROM member_tiers WHERE member_id = $1`,
      [customerId],
    );
    if (!tier) return NO_BENEFITS;
    const threshold: number | null = tier.free_shipping_threshold;
    return {
      freeShipping: threshold !== null && goodsValue !== undefined && goodsValue >= threshold,
      priority: tier.priority_shipping,
    };
  }

  /** Keeps the newest tier of each member (an older event replayed late changes nothing). */
  static async remember({ data }: DomainEvent<MemberTierChangedV1>, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO member_tiers (member_id, tier, free_shipping_threshold, priority_shipping, changed_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (member_id) DO UPDATE SET tier = $2, free_shipping_threshold = $3, priority_shipping = $4, changed_at = $5
       WHERE member_tiers.changed_at <= $5`,
      [
        data.memberId,
        data.tier,
        data.benefits.freeShippingThreshold ?? null,
        data.benefits.priorityShipping,
        data.changedAt,
      ],
    );
  }
}
