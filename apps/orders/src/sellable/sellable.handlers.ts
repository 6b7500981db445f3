import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import {
  DomainEvent,
  MerchantReinstated,
  MerchantReinstatedV1,
  MerchantSuspended,
  MerchantSuspendedV1,
  ProductCreated,
  ProductCreatedV1,
  ProductDelisted,
  ProductDelistedV1,
  ProductListed,
  ProductListedV1,
  ProductPriceChanged,
  ProductPriceChangedV1,
  ProductRejected,
  ProductRejectedV1,
  ProductSubmitted,
  ProductSubmittedV1,
  ProductUpdated,
  ProductUpdatedV1,
  SkuAdded,
  SkuAddedV1,
} from '@emporium/contracts';
import { EventContext } from '@emporium/messaging';
import { EntityManager } from 'typeorm';

/**
 * orders' read model of what can be sold: every product event carries the status it leaves the product in,
 * so the latest one wins (a product's events share a partition, so they arrive in order). Prices and
 * merchants come from catalog, never from the customer.
 */
@Controller()
export class SellableHandlers {
  @EventPattern(ProductCreated.type)
  async onCreated(@Payload() { data }: DomainEvent<ProductCreatedV1>, @Ctx() { manager }: EventContext) {
    await setProductStatus(manager, data.productId, data.merchantId, data.status);
  }

  @EventPattern(ProductSubmitted.type)
  async onSubmitted(@Payload() { data }: DomainEvent<ProductSubmittedV1>, @Ctx() { manager }: EventContext) {
    await setProductStatus(manager, data.productId, data.merchantId, data.status);
  }

  @EventPattern(ProductRejected.type)
  async onRejected(@Payload() { data }: DomainEvent<ProductRejectedV1>, @Ctx() { manager }: EventContext) {
    await setProductStatus(manager, data.productId, data.merchantId, data.status);
  }

  @EventPattern(ProductUpdated.type)
  async onUpdated(@Payload() { data }: DomainEvent<ProductUpdatedV1>, @Ctx() { manager }: EventContext) {
    await setProductStatus(manager, data.productId, data.merchantId, data.status);
  }

  @EventPattern(ProductListed.type)
  async onListed(@Payload() { data }: DomainEvent<ProductListedV1>, @Ctx() { manager }: EventContext) {
    await setProductStatus(manager, data.productId, data.merchantId, data.status);
    for (const sku of data.skus)
      await upsertSkuPrice(manager, data.productId, data.merchantId, sku.sku, sku.price, sku.currency);
  }

  @EventPattern(ProductDelisted.type)
  async onDelisted(@Payload() { data }: DomainEvent<ProductDelistedV1>, @Ctx() { manager }: EventContext) {
    await setProductStatus(manager, data.productId, data.merchantId, data.status, data.cause);
  }

  @EventPattern(ProductPriceChanged.type)
  async onPriceChanged(@Payload() { data }: DomainEvent<ProductPriceChangedV1>, @Ctx() { manager }: EventContext) {
    await upsertSkuPrice(manager, data.productId, data.merchantId, data.sku, data.price, data.currency);
  }

  @EventPattern(SkuAdded.type)
  async onSkuAdded(@Payload() { data }: DomainEvent<SkuAddedV1>, @Ctx() { manager }: EventContext) {
    await manager.query(
      `INSERT INTO sellable_skus (sku, product_id, merchant_id, price, currency, weight_grams, length_mm, width_mm, height_mm)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (sku) DO UPDATE SET product_id = $2, merchant_id = $3, price = $4, currency = $5, weight_grams = $6,
         length_mm = $7, width_mm = $8, height_mm = $9, updated_at = now()`,
      [
        data.sku,
        data.productId,
        data.merchantId,
        data.price,
        data.currency,
        data.weightGrams,
        data.dimensions.lengthMm,
        data.dimensions.widthMm,
        data.dimensions.heightMm,
      ],
    );
  }

  /** catalog delists the merchant's products too; orders also refuses at once, whichever event comes first. */
  @EventPattern(MerchantSuspended.type)
  async onMerchantSuspended(@Payload() { data }: DomainEvent<MerchantSuspendedV1>, @Ctx() { manager }: EventContext) {
    await setStanding(manager, data.merchantId, true);
  }

  @EventPattern(MerchantReinstated.type)
  async onMerchantReinstated(@Payload() { data }: DomainEvent<MerchantReinstatedV1>, @Ctx() { manager }: EventContext) {
    await setStanding(manager, data.merchantId, false);
  }
}

async function setProductStatus(
  manager: EntityManager,
  productId: string,
  merchantId: string,
  status: string,
  delistCause?: string,
) {
  await manager.query(
    `INSERT INTO sellable_products (product_id, merchant_id, status, delist_cause) VALUES ($1, $2, $3, $4)
     ON CONFLICT (product_id) DO UPDATE SET merchant_id = $2, status = $3, delist_cause = $4, updated_at = now()`,
    [productId, merchantId, status, delistCause ?? null],
  );
}

async function upsertSkuPrice(
  manager: EntityManager,
  productId: string,
  merchantId: string,
  sku: string,
  price: number,
  currency: string,
) {
  await manager.query(
    `INSERT INTO sellable_skus (sku, product_id, merchant_id, price, currency) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (sku) DO UPDATE SET product_id = $2, merchant_id = $3, price = $4, currency = $5, updated_at = now()`,
    [sku, productId, merchantId, price, currency],
  );
}

async function setStanding(manager: EntityManager, merchantId: string, suspended: boolean) {
  await manager.query(
    `INSERT INTO merchant_standing (merchant_id, suspended) VALUES ($1, $2)
     ON CONFLICT (merchant_id) DO UPDATE SET suspended = $2, updated_at = now()`,
    [merchantId, suspended],
  );
}
