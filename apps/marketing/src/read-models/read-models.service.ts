import { Injectable } from '@nestjs/common';
import {
  DomainEvent,
  MemberTierChangedV1,
  OrderCancelledV2,
  OrderCompletedV1,
  OrderPlacedV1,
  OrderRefundedV1,
  ProductCreatedV1,
  ProductDelistedV1,
  ProductListedV1,
  ProductPriceChangedV1,
  ProductUpdatedV1,
  SkuAddedV1,
} from '@emporium/contracts';
import { EntityManager } from 'typeorm';
import type { CustomerFacts, MemberTier } from '../promotions/engine';

export interface KnownSku {
  sku: string;
  merchantId: string;
  price: number;
  currency: string;
  categories: string[];
  sellable: boolean;
}

/**
 * marketing's own copies of what other services own: SKU prices and categories (catalog), member tiers
 * (membership) and who ordered what when (orders). Quotes price from these, never from the request.
 */
@Injectable()
export class ReadModelsService {
  async onSkuAdded({ data }: DomainEvent<SkuAddedV1>, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO sku_prices (sku, product_id, merchant_id, price, currency) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (sku) DO UPDATE SET product_id = $2, merchant_id = $3, price = $4, currency = $5, updated_at = now()`,
      [data.sku, data.productId, data.merchantId, data.price, data.currency],
    );
  }

  async onProductCategorised(data: ProductCreatedV1 | ProductUpdatedV1, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO product_facts (product_id, category_id) VALUES ($1, $2)
       ON CONFLICT (product_id) DO UPDATE SET category_id = $2, updated_at = now()`,
      [data.productId, data.categoryId],
    );
  }

  /** Listing carries every SKU's price: the freshest word on them, and the product is on sale again. */
  async onProductListed({ data }: DomainEvent<ProductListedV1>, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO product_facts (product_id, category_id, delisted) VALUES ($1, $2, false)
       ON CONFLICT (product_id) DO UPDATE SET category_id = $2, delisted = false, updated_at = now()`,
      [data.productId, data.categoryId],
    );
    for (const sku of data.skus) {
      await manager.query(
        `INSERT INTO sku_prices (sku, product_id, merchant_id, price, currency) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (sku) DO UPDATE SET product_id = $2, merchant_id = $3, price = $4, currency = $5, updated_at = now()`,
        [sku.sku, data.productId, data.merchantId, sku.price, sku.currency],
      );
    }
  }

  async onPriceChanged({ data }: DomainEvent<ProductPriceChangedV1>, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO sku_prices (sku, product_id, merchant_id, price, currency) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (sku) DO UPDATE SET price = $4, currency = $5, updated_at = now()`,
      [data.sku, data.productId, data.merchantId, data.price, data.currency],
    );
  }

  async onProductDelisted({ data }: DomainEvent<ProductDelistedV1>, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO product_facts (product_id, delisted) VALUES ($1, true)
       ON CONFLICT (product_id) DO UPDATE SET delisted = true, updated_at = now()`,
      [data.productId],
    );
  }

  /** Ignores a tier change older than the one kept (events of other members' partitions never race, but a replay may). */
  async onTierChanged({ data }: DomainEvent<MemberTierChangedV1>, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO member_tiers (member_id, tier, discount_percent, changed_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (member_id) DO UPDATE SET tier = $2, discount_percent = $3, changed_at = $4
        WHERE member_tiers.changed_at <= $4`,
      [data.memberId, data.tier, data.benefits.discountPercent, data.changedAt],
    );
  }

  async skus(manager: EntityManager, skus: string[]): Promise<Map<string, KnownSku>> {
    const rows: {
      sku: string;
      merchant_id: string;
      price: number;
      currency: string;
      category_id: string | null;
      delisted: boolean | null;
    }[] = await manager.query(
      `SELECT s.sku, s.merchant_id, s.price, s.currency, f.category_id, f.delisted
         FROM sku_prices s LEFT JOIN product_facts f ON f.product_id = s.product_id
        WHERE s.sku = ANY($1)`,
      [skus],
    );
    return new Map(
      rows.map((row) => [
        row.sku,
        {
          sku: row.sku,
          merchantId: row.merchant_id,
          price: row.price,
          currency: row.currency.trim(),
          categories: row.category_id ? [row.category_id] : [],
          sellable: row.delisted !== true,
        },
      ]),
    );
  }

  /** What the engine needs to know about a customer: tier and whether they have ordered before. */
  async customerFacts(manager: EntityManager, customerId: string | undefined, before: Date): Promise<CustomerFacts> {
    if (!customerId) return { tier: null, previousOrders: 0 };
    const [tier] = await manager.query(`SELECT tier, discount_percent FROM member_tiers WHERE member_id = $1`, [
      customerId,
    ]);
    const [history] = await manager.query(
      `SELECT count(*)::int AS orders FROM customer_orders WHERE customer_id = $1 AND status <> 'CANCELLED' AND placed_at < $2`,
      [customerId, before],
    );
    return {
      customerId,
      tier: (tier?.tier as MemberTier | undefined) ?? null,
      tierDiscountPercent: tier ? Number(tier.discount_percent) : null,
      previousOrders: history.orders,
    };
  }

  // ---- who ordered what when (orders): new-customer offers, segments and ROI -------------------

  async onOrderPlaced({ data: order }: DomainEvent<OrderPlacedV1>, manager: EntityManager): Promise<void> {
    await manager.query(
      `INSERT INTO customer_orders (order_id, customer_id, currency, total_amount, discount_total, first_order, status, placed_at)
       SELECT $1, $2, $3, $4, $5,
              NOT EXISTS (SELECT 1 FROM customer_orders WHERE customer_id = $2 AND status <> 'CANCELLED' AND placed_at < $6),
              'PLACED', $6
       ON CONFLICT (order_id) DO NOTHING`,
      [order.orderId, order.customerId, order.currency, order.totalAmount, order.discountTotal ?? 0, order.placedAt],
    );
  }

  async onOrderCancelled({ data }: DomainEvent<OrderCancelledV2>, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE customer_orders SET status = 'CANCELLED', updated_at = now() WHERE order_id = $1`, [
      data.orderId,
    ]);
  }

  async onOrderCompleted({ data }: DomainEvent<OrderCompletedV1>, manager: EntityManager): Promise<void> {
    await manager.query(
      `UPDATE customer_orders SET status = 'COMPLETED', updated_at = now() WHERE order_id = $1 AND status = 'PLACED'`,
      [data.orderId],
    );
  }

  /** Only a full refund makes the order REFUNDED: after a partial one the customer kept the rest of it. */
  async onOrderRefunded({ data }: DomainEvent<OrderRefundedV1>, manager: EntityManager): Promise<void> {
    if (!data.fullyRefunded) return;
    await manager.query(`UPDATE customer_orders SET status = 'REFUNDED', updated_at = now() WHERE order_id = $1`, [
      data.orderId,
    ]);
  }
}
