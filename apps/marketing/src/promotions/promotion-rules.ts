import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@emporium/platform';
import type { MemberTier, Promotion, PromotionRule, Scope } from './engine';
import type { CreatePromotionDto } from './dto/create-promotion.dto';

export class InvalidPromotionError extends DomainError {
  constructor(errors: { field: string; message: string }[]) {
    super(
      'INVALID_PROMOTION',
      errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      HttpStatus.UNPROCESSABLE_ENTITY,
      { errors },
    );
  }
}

/** The engine's rule from the flat request, or a 422 naming each field the type needs and lacks. */
export function ruleOf(dto: CreatePromotionDto): PromotionRule {
  const missing: { field: string; message: string }[] = [];
  const need = <K extends keyof CreatePromotionDto>(field: K): NonNullable<CreatePromotionDto[K]> => {
    if (dto[field] === undefined || dto[field] === null)
      missing.push({ field, message: `${field} is required for a ${dto.type} promotion` });
    return dto[field] as NonNullable<CreatePromotionDto[K]>;
  };
  let rule: PromotionRule;
  switch (dto.type) {
    case 'THRESHOLD':
      rule = {
        type: 'THRESHOLD',
        tiers: need('tiers')?.map((tier) => ({ minSpend: tier.minSpend, amountOff: tier.amountOff })),
      };
      break;
    case 'PERCENT_OFF':
      rule = { type: 'PERCENT_OFF', percent: need('percent') };
      break;
    case 'BUY_X_GET_Y':
      rule = { type: 'BUY_X_GET_Y', buy: need('buy'), get: need('get'), percentOff: dto.percentOff ?? 100 };
      break;
    case 'FLASH_SALE':
      rule = {
        type: 'FLASH_SALE',
        sku: need('sku'),
        salePrice: need('salePrice'),
        totalCap: need('totalCap'),
        perCustomerCap: need('perCustomerCap'),
      };
      need('startsAt');
      need('endsAt');
      break;
    case 'MEMBER_DAY':
      rule = {
        type: 'MEMBER_DAY',
        percent: need('percent'),
        weekdays: dto.weekdays,
        monthDays: dto.monthDays,
        tiers: dto.memberTiers,
      };
      if (!dto.weekdays?.length && !dto.monthDays?.length)
        missing.push({ field: 'weekdays', message: 'a MEMBER_DAY promotion needs weekdays or monthDays' });
      break;
    case 'TIER_DISCOUNT':
      rule = { type: 'TIER_DISCOUNT', percentByTier: dto.percentByTier ? { ...dto.percentByTier } : undefined };
      break;
    case 'NEW_CUSTOMER':
      rule = { type: 'NEW_CUSTOMER', amountOff: dto.amountOff, percent: dto.percent, minSpend: dto.minSpend };
      if (dto.amountOff === undefined && dto.percent === undefined)
        missing.push({ field: 'amountOff', message: 'a NEW_CUSTOMER promotion needs amountOff or percent' });
      break;
    case 'FREE_SHIPPING':
      rule = { type: 'FREE_SHIPPING', minSpend: dto.minSpend ?? 0 };
      break;
  }
  if (dto.startsAt && dto.endsAt && Date.parse(dto.endsAt) <= Date.parse(dto.startsAt))
    missing.push({ field: 'endsAt', message: 'endsAt must be after startsAt' });
  if (
    rule.type === 'FLASH_SALE' &&
    dto.totalCap !== undefined &&
    dto.perCustomerCap !== undefined &&
    dto.perCustomerCap > dto.totalCap
  ) {
    missing.push({ field: 'perCustomerCap', message: 'perCustomerCap cannot exceed totalCap' });
  }
  if (missing.length > 0) throw new InvalidPromotionError(missing);
  return rule;
}

export interface PromotionRow {
  id: string;
  campaign_id: string | null;
  name: string;
  type: string;
  rule: PromotionRule;
  scope: Scope | null;
  stacking: 'EXCLUSIVE' | 'STACKABLE';
  priority: number;
  currency: string;
  requires_coupon: boolean;
  starts_at: Date | null;
  ends_at: Date | null;
  status: string;
  flash_sold: number;
}

export function promotionOf(row: PromotionRow, couponCode: string | null = null): Promotion {
  return {
    id: row.id,
    name: row.name,
    rule: row.rule,
    scope: row.scope ?? undefined,
    stacking: row.stacking,
    priority: row.priority,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    couponCode,
  };
}

export function promotionView(row: PromotionRow) {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    name: row.name,
    type: row.type,
    currency: row.currency.trim(),
    stacking: row.stacking,
    priority: row.priority,
    requiresCoupon: row.requires_coupon,
    startsAt: row.starts_at?.toISOString() ?? null,
    endsAt: row.ends_at?.toISOString() ?? null,
    status: row.status,
    rule: row.rule as unknown as Record<string, unknown>,
    scope: (row.scope as Record<string, unknown> | null) ?? null,
    flashSold: row.flash_sold,
  };
}

export type { MemberTier };
