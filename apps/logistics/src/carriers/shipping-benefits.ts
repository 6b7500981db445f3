import { Injectable } from '@nestjs/common';
import { NO_BENEFITS, ShippingBenefits } from './carrier-choice';

/**
 * The hook where membership's free and priority shipping plug in: an implementation reads a read model
 * of member tiers (fed by `membership.member.v1`) and answers per customer. Until membership exists,
 * nobody has benefits. Quotes and shipments both ask it, so the fee paid equals the fee charged.
 */
export abstract class ShippingBenefitsPort {
  abstract benefitsFor(customerId: string | undefined): Promise<ShippingBenefits>;
}

@Injectable()
export class NoShippingBenefits extends ShippingBenefitsPort {
  async benefitsFor(): Promise<ShippingBenefits> {
    return NO_BENEFITS;
  }
}
