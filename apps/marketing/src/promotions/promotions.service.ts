import { HttpStatus, Injectable } from '@nestjs/common';
import { PromotionCreated, PromotionStopped } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { DomainError, NotFoundError, Principal } from '@emporium/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { CreateCampaignDto } from './dto/create-campaign.dto';
import { CreatePromotionDto } from './dto/create-promotion.dto';
import { PromotionRow, promotionView, ruleOf } from './promotion-rules';

interface CampaignRow {
  id: string;
  name: string;
  currency: string;
  budget: number | null;
  spent: number;
  status: string;
  created_at: Date;
}

function campaignView(row: CampaignRow) {
  return {
    id: row.id,
    name: row.name,
    currency: row.currency.trim(),
    budget: row.budget,
    spent: row.spent,
    status: row.status,
    createdAt: row.created_at.toISOString(),
  };
}

@Injectable()
export class PromotionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async createCampaign(dto: CreateCampaignDto, principal: Principal) {
    const [row] = await this.dataSource.query(
      `INSERT INTO campaigns (id, name, currency, budget, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [randomUUID(), dto.name, dto.currency, dto.budget ?? null, principal.subject],
    );
    return campaignView(row);
  }

  async campaign(id: string) {
    const [row] = await this.dataSource.query(`SELECT * FROM campaigns WHERE id = $1`, [id]);
    if (!row) throw new NotFoundError('campaign', id);
    return campaignView(row);
  }

  async createPromotion(dto: CreatePromotionDto) {
    const rule = ruleOf(dto);
    return this.dataSource.transaction(async (manager) => {
      if (dto.campaignId) {
        const [campaign] = await manager.query(`SELECT currency FROM campaigns WHERE id = $1`, [dto.campaignId]);
        if (!campaign)
          throw new DomainError(
            'UNKNOWN_CAMPAIGN',
            `campaign ${dto.campaignId} does not exist`,
            HttpStatus.UNPROCESSABLE_ENTITY,
            { errors: [{ field: 'campaignId', message: 'no such campaign' }] },
          );
        if (campaign.currency.trim() !== dto.currency) {
          throw new DomainError(
            'CURRENCY_MISMATCH',
            `the campaign's budget is in ${campaign.currency}`,
            HttpStatus.UNPROCESSABLE_ENTITY,
            { errors: [{ field: 'currency', message: "must be the campaign's currency" }] },
          );
        }
      }
      const [row]: PromotionRow[] = await manager.query(
        `INSERT INTO promotions (id, campaign_id, name, type, rule, scope, stacking, priority, currency, requires_coupon, starts_at, ends_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING *`,
        [
          randomUUID(),
          dto.campaignId ?? null,
          dto.name,
          dto.type,
          JSON.stringify(rule),
          dto.scope ? JSON.stringify(dto.scope) : null,
          dto.stacking ?? 'STACKABLE',
          dto.priority ?? 0,
          dto.currency,
          dto.requiresCoupon ?? false,
          dto.startsAt ?? null,
          dto.endsAt ?? null,
        ],
      );
      await this.outbox.publish(manager, PromotionCreated, {
        promotionId: row.id,
        campaignId: row.campaign_id ?? undefined,
        name: row.name,
        type: dto.type,
        currency: dto.currency,
        stacking: row.stacking,
        priority: row.priority,
        requiresCoupon: row.requires_coupon,
        startsAt: row.starts_at?.toISOString(),
        endsAt: row.ends_at?.toISOString(),
        createdAt: new Date().toISOString(),
      });
      return promotionView(row);
    });
  }

  async list(campaignId?: string) {
    const rows: PromotionRow[] = await this.dataSource.query(
      `SELECT * FROM promotions WHERE ($1::uuid IS NULL OR campaign_id = $1) ORDER BY created_at DESC, id LIMIT 500`,
      [campaignId ?? null],
    );
    return rows.map(promotionView);
  }

  async get(id: string) {
    const [row] = await this.dataSource.query(`SELECT * FROM promotions WHERE id = $1`, [id]);
    if (!row) throw new NotFoundError('promotion', id);
    return promotionView(row);
  }

  /** Stopping is final (a promotion's terms do not change under orders quoted with it); only an ACTIVE one stops. */
  async stop(id: string) {
    return this.dataSource.transaction(async (manager) => {
      const [rows] = await manager.query(
        `UPDATE promotions SET status = 'STOPPED' WHERE id = $1 AND status = 'ACTIVE' RETURNING *`,
        [id],
      );
      const row: PromotionRow | undefined = rows[0];
      if (!row) {
        await this.get(id);
        throw new DomainError('PROMOTION_NOT_ACTIVE', `promotion ${id} is already stopped`, HttpStatus.CONFLICT, {
          id,
        });
      }
      await this.outbox.publish(manager, PromotionStopped, {
        promotionId: id,
        campaignId: row.campaign_id ?? undefined,
        reason: 'STOPPED_BY_OPS',
        stoppedAt: new Date().toISOString(),
      });
      return promotionView(row);
    });
  }

  /** Promotions a quote in `currency` considers without a coupon: active, of a campaign with budget left. */
  async live(manager: EntityManager, currency: string): Promise<PromotionRow[]> {
    return manager.query(
      `SELECT p.* FROM promotions p LEFT JOIN campaigns c ON c.id = p.campaign_id
        WHERE p.currency = $1 AND p.status = 'ACTIVE' AND NOT p.requires_coupon AND (c.id IS NULL OR c.status = 'ACTIVE')
          AND (p.ends_at IS NULL OR p.ends_at > now())`,
      [currency],
    );
  }

  /** Attributed through the quotes the orders carried (order_promotions), with the orders' fate from orders' events. */
  async report(campaignId: string) {
    const campaign = await this.campaign(campaignId);
    const [row] = await this.dataSource.query(
      `WITH attributed AS (
         SELECT o.order_id, sum(o.discount)::int AS discount, co.status, co.total_amount, co.first_order
           FROM order_promotions o
           JOIN order_redemptions r ON r.order_id = o.order_id AND r.status = 'REDEEMED'
           JOIN customer_orders co ON co.order_id = o.order_id
          WHERE o.campaign_id = $1 AND co.status <> 'CANCELLED'
          GROUP BY o.order_id, co.status, co.total_amount, co.first_order)
       SELECT coalesce(sum(discount), 0)::int AS discount_cost,
              count(*)::int AS attributed_orders,
              count(*) FILTER (WHERE status = 'COMPLETED')::int AS completed_orders,
              coalesce(sum(total_amount) FILTER (WHERE status <> 'REFUNDED'), 0)::int AS revenue,
              count(*) FILTER (WHERE first_order)::int AS new_customers,
              count(*) FILTER (WHERE NOT first_order)::int AS repeat_purchases
         FROM attributed`,
      [campaignId],
    );
    return {
      campaignId,
      name: campaign.name,
      currency: campaign.currency,
      budget: campaign.budget,
      discountCost: row.discount_cost,
      attributedOrders: row.attributed_orders,
      completedOrders: row.completed_orders,
      revenue: row.revenue,
      newCustomers: row.new_customers,
      repeatPurchases: row.repeat_purchases,
      roi:
        row.discount_cost > 0 ? Math.round(((row.revenue - row.discount_cost) / row.discount_cost) * 100) / 100 : null,
    };
  }
}
