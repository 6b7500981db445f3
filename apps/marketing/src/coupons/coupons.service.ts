import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { CompensationRequestedV1, CouponIssued, CouponIssueReason, DomainEvent } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { DomainError, NotFoundError, SERVICE_CONFIG } from '@emporium/platform';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import type { MarketingConfig } from '../config';
import { CouponRow, couponView } from './coupon-view';
import { CreateCouponDto, SegmentIssuanceDto } from './dto/create-coupon.dto';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I: codes are read aloud and typed

function generatedCode(prefix: string): string {
  return `${prefix}-${[...randomBytes(8)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('')}`;
}

function unprocessable(code: string, field: string, message: string): DomainError {
  return new DomainError(code, message, HttpStatus.UNPROCESSABLE_ENTITY, { errors: [{ field, message }] });
}

@Injectable()
export class CouponsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) private readonly config: MarketingConfig,
  ) {}

  async create(dto: CreateCouponDto) {
    const [promotion] = await this.dataSource.query(`SELECT requires_coupon, status FROM promotions WHERE id = $1`, [
      dto.promotionId,
    ]);
    if (!promotion)
      throw unprocessable('UNKNOWN_PROMOTION', 'promotionId', `promotion ${dto.promotionId} does not exist`);
    if (!promotion.requires_coupon)
      throw unprocessable(
        'PROMOTION_NEEDS_NO_COUPON',
        'promotionId',
        'the promotion applies without a code (create it with requiresCoupon)',
      );
    if (dto.validFrom && dto.validUntil && Date.parse(dto.validUntil) <= Date.parse(dto.validFrom))
      throw unprocessable('INVALID_VALIDITY', 'validUntil', 'validUntil must be after validFrom');
    const code = (dto.code ?? generatedCode('CPN')).toUpperCase();
    const rows: CouponRow[] = await this.dataSource.query(
      `INSERT INTO coupons (code, promotion_id, customer_id, total_cap, per_customer_cap, valid_from, valid_until, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'CAMPAIGN') ON CONFLICT (code) DO NOTHING RETURNING *`,
      [
        code,
        dto.promotionId,
        dto.customerId ?? null,
        dto.totalCap ?? null,
        dto.perCustomerCap ?? null,
        dto.validFrom ?? null,
        dto.validUntil ?? null,
      ],
    );
    if (rows.length === 0)
      throw new DomainError('COUPON_CODE_TAKEN', `coupon code ${code} exists already`, HttpStatus.CONFLICT, {
        errors: [{ field: 'code', message: 'taken' }],
      });
    return couponView(rows[0]);
  }

  async get(code: string) {
    const [row] = await this.dataSource.query(`SELECT * FROM coupons WHERE code = $1`, [code.toUpperCase()]);
    if (!row) throw new NotFoundError('coupon', code);
    return couponView(row);
  }

  /**
   * One personal single-use code per customer of the segment "ordered within N days but not within M"
   * (repurchase nudges), computed from orders' events. Customers who already hold a code of this
   * promotion are skipped, so issuing twice does not double anyone's coupon.
   */
  async issueToSegment(dto: SegmentIssuanceDto) {
    if (dto.notWithinDays >= dto.boughtWithinDays)
      throw unprocessable('INVALID_SEGMENT', 'notWithinDays', 'notWithinDays must be below boughtWithinDays');
    return this.dataSource.transaction(async (manager) => {
      const [promotion] = await manager.query(
        `SELECT requires_coupon, campaign_id, currency, rule FROM promotions WHERE id = $1 FOR UPDATE`,
        [dto.promotionId],
      );
      if (!promotion)
        throw unprocessable('UNKNOWN_PROMOTION', 'promotionId', `promotion ${dto.promotionId} does not exist`);
      if (!promotion.requires_coupon)
        throw unprocessable(
          'PROMOTION_NEEDS_NO_COUPON',
          'promotionId',
          'the promotion applies without a code (create it with requiresCoupon)',
        );
      const customers: { customer_id: string }[] = await manager.query(
        `SELECT customer_id FROM customer_orders
          WHERE status <> 'CANCELLED'
          GROUP BY customer_id
         HAVING max(placed_at) >= now() - make_interval(days => $1) AND max(placed_at) < now() - make_interval(days => $2)
            AND NOT EXISTS (SELECT 1 FROM coupons c WHERE c.promotion_id = $3 AND c.customer_id = customer_orders.customer_id)
          ORDER BY customer_id`,
        [dto.boughtWithinDays, dto.notWithinDays, dto.promotionId],
      );
      for (const { customer_id } of customers) {
        await this.issue(manager, {
          promotionId: dto.promotionId,
          campaignId: promotion.campaign_id,
          customerId: customer_id,
          currency: promotion.currency.trim(),
          rule: promotion.rule,
          reason: 'SEGMENT',
        });
      }
      return { promotionId: dto.promotionId, issued: customers.length };
    });
  }

  /**
   * customer-service asks for a compensation coupon: a single-use, personal amount-off code, capped by
   * policy. Once per ticket: a second request for the same ticket (a redelivery under a new event id, or a
   * second publish) issues nothing.
   */
  async onCompensationRequested({ data }: DomainEvent<CompensationRequestedV1>, manager: EntityManager): Promise<void> {
    const [existing] = await manager.query(`SELECT code FROM coupons WHERE ticket_id = $1`, [data.ticketId]);
    if (existing) return;
    const value = Math.min(data.amount, this.config.MAX_COMPENSATION_AMOUNT);
    const rule = { type: 'THRESHOLD', tiers: [{ minSpend: 0, amountOff: value }] };
    const promotionId = randomUUID();
    await manager.query(
      `INSERT INTO promotions (id, name, type, rule, stacking, priority, currency, requires_coupon)
       VALUES ($1, $2, 'THRESHOLD', $3, 'STACKABLE', 0, $4, true)`,
      [promotionId, `Compensation for ticket ${data.ticketId} (${data.cause})`, JSON.stringify(rule), data.currency],
    );
    await this.issue(manager, {
      promotionId,
      campaignId: null,
      customerId: data.customerId,
      currency: data.currency,
      rule,
      reason: 'COMPENSATION',
      ticketId: data.ticketId,
    });
  }

  private async issue(
    manager: EntityManager,
    spec: {
      promotionId: string;
      campaignId: string | null;
      customerId: string;
      currency: string;
      rule: { type: string; tiers?: { amountOff: number }[]; percent?: number };
      reason: CouponIssueReason;
      ticketId?: string;
    },
  ): Promise<string> {
    const code = generatedCode(spec.reason === 'COMPENSATION' ? 'CMP' : 'SEG');
    const validUntil = new Date(Date.now() + this.config.ISSUED_COUPON_VALID_DAYS * 86_400_000);
    await manager.query(
      `INSERT INTO coupons (code, promotion_id, customer_id, total_cap, per_customer_cap, valid_until, reason, ticket_id) VALUES ($1, $2, $3, 1, 1, $4, $5, $6)`,
      [code, spec.promotionId, spec.customerId, validUntil, spec.reason, spec.ticketId ?? null],
    );
    const value =
      spec.rule.type === 'THRESHOLD' && spec.rule.tiers?.length === 1 ? spec.rule.tiers[0].amountOff : undefined;
    await this.outbox.publish(manager, CouponIssued, {
      code,
      customerId: spec.customerId,
      promotionId: spec.promotionId,
      campaignId: spec.campaignId ?? undefined,
      value,
      percent: value === undefined ? spec.rule.percent : undefined,
      currency: spec.currency,
      reason: spec.reason,
      ticketId: spec.ticketId,
      validUntil: validUntil.toISOString(),
      issuedAt: new Date().toISOString(),
    });
    return code;
  }
}
