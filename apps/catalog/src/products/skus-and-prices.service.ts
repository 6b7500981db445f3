import { Inject, Injectable } from '@nestjs/common';
import { ProductPriceChanged, ProductSubmitted, SkuAdded } from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { InvalidInputException, NotFoundError, Principal, SERVICE_CONFIG } from '@emporium/platform';
import { DataSource, EntityManager, In } from 'typeorm';
import type { CatalogConfig } from '../config';
import { SkuDto } from './dto/product.dto';
import { PriceChange } from './price-change.entity';
import { lockOwnedProduct, saveWorkflow } from './product-access';
import { ProductQualityGate } from './product-quality-gate';
import { ProductQueries } from './product-queries.service';
import { Product } from './product.entity';
import { SkuExistsError, SkuUnavailableError } from './product.errors';
import { ProductView } from './product.view';
import { Sku } from './sku.entity';

/** A product's SKUs and their prices: adding SKUs, changing prices, the price history and the "from" price. */
@Injectable()
export class SkusAndPricesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly quality: ProductQualityGate,
    private readonly queries: ProductQueries,
    @Inject(SERVICE_CONFIG) private readonly config: CatalogConfig,
  ) {}

  async addSku(id: string, request: SkuDto, principal: Principal): Promise<ProductView> {
    await this.dataSource.transaction(async (manager) => {
      const product = await lockOwnedProduct(manager, id, principal);
      await this.insertSkus(manager, product, [request], principal.subject, null);
      // A SKU added to a listed product is on sale at once: it must pass the same checks as the listing.
      if (product.status === 'LISTED') await this.quality.requireStillPassing(manager, product);
    });
    return this.queries.get(id, principal);
  }

  async changePrice(id: string, skuCode: string, price: number, principal: Principal): Promise<ProductView> {
    await this.dataSource.transaction(async (manager) => {
      const product = await lockOwnedProduct(manager, id, principal);
      const sku = await manager.findOneBy(Sku, { sku: skuCode, productId: id });
      if (!sku) throw new NotFoundError('sku', skuCode);
      if (sku.price === price) return;
      const at = new Date();
      const previousPrice = sku.price;
      await manager.update(Sku, { sku: skuCode }, { price });
      await manager.insert(PriceChange, {
        sku: skuCode,
        productId: id,
        previousPrice,
        price,
        currency: sku.currency,
        actor: principal.subject,
        changedAt: at,
      });
      await this.refreshMinPrice(manager, id);
      const jumped =
        product.status === 'LISTED' &&
        Math.abs(price - previousPrice) * 100 > previousPrice * this.config.CATALOG_PRICE_REVIEW_JUMP_PERCENT;
      if (product.status === 'LISTED') await this.quality.requireStillPassing(manager, product);
      if (jumped) {
        // Ops approved the product at the old price; a jump this large (a typo, or a bait-and-switch) is theirs to see again.
        product.returnToReview();
        await saveWorkflow(manager, product);
        await this.outbox.publish(manager, ProductSubmitted, { ...product.submittedEvent(at), findings: [] });
      }
      await this.outbox.publish(manager, ProductPriceChanged, {
        productId: id,
        merchantId: product.merchantId,
        sku: skuCode,
        previousPrice,
        price,
        currency: sku.currency,
        actor: principal.subject,
        changedAt: at.toISOString(),
      });
    });
    return this.queries.get(id, principal);
  }

  /** New SKUs of a product (at creation: `field` names where they came from in the request). */
  async insertSkus(
    manager: EntityManager,
    product: Product,
    skus: SkuDto[],
    actor: string,
    field: string | null,
  ): Promise<void> {
    if (skus.length === 0) return;
    const fieldOf = (index: number, name: string) => (field ? `${field}.${index}.${name}` : name);
    const existing = await manager.find(Sku, { where: { productId: product.id }, take: 1 });
    const currency = existing[0]?.currency ?? skus[0].currency;
    const violations = skus.flatMap((sku, index) => [
      ...(sku.currency !== currency
        ? [{ field: fieldOf(index, 'currency'), message: `must be ${currency}, like the product's other SKUs` }]
        : []),
      ...(skus.findIndex((other) => other.sku === sku.sku) !== index
        ? [{ field: fieldOf(index, 'sku'), message: 'is repeated' }]
        : []),
    ]);
    if (violations.length > 0) throw new InvalidInputException(violations);
    const taken = await manager.find(Sku, { where: { sku: In(skus.map((sku) => sku.sku)) } });
    if (taken.length > 0) {
      const owners: { id: string; merchant_id: string }[] = await manager.query(
        `SELECT id, merchant_id FROM products WHERE id = ANY($1::uuid[])`,
        [taken.map((sku) => sku.productId)],
      );
      const own = taken.find((sku) =>
        owners.some((owner) => owner.id === sku.productId && owner.merchant_id === product.merchantId),
      );
      if (own) throw new SkuExistsError(own.sku);
      throw new SkuUnavailableError();
    }

    const at = new Date();
    await manager.insert(
      Sku,
      skus.map((sku) => ({
        sku: sku.sku,
        productId: product.id,
        options: sku.options,
        price: sku.price,
        currency: sku.currency,
        weightGrams: sku.weightGrams,
        lengthMm: sku.dimensions.lengthMm,
        widthMm: sku.dimensions.widthMm,
        heightMm: sku.dimensions.heightMm,
        createdAt: at,
      })),
    );
    await manager.insert(
      PriceChange,
      skus.map((sku) => ({
        sku: sku.sku,
        productId: product.id,
        previousPrice: null,
        price: sku.price,
        currency: sku.currency,
        actor,
        changedAt: at,
      })),
    );
    await this.refreshMinPrice(manager, product.id);
    for (const sku of skus) {
      await this.outbox.publish(manager, SkuAdded, {
        productId: product.id,
        merchantId: product.merchantId,
        sku: sku.sku,
        options: sku.options,
        price: sku.price,
        currency: sku.currency,
        weightGrams: sku.weightGrams,
        dimensions: {
          lengthMm: sku.dimensions.lengthMm,
          widthMm: sku.dimensions.widthMm,
          heightMm: sku.dimensions.heightMm,
        },
        title: product.title.slice(0, 200),
        addedAt: at.toISOString(),
      });
    }
  }

  /** The "from" price shown in lists and used by search: the lowest SKU price. */
  private async refreshMinPrice(manager: EntityManager, productId: string): Promise<void> {
    await manager.query(
      `UPDATE products p SET min_price = s.min_price, currency = s.currency
       FROM (SELECT min(price) AS min_price, min(currency) AS currency FROM skus WHERE product_id = $1) s WHERE p.id = $1`,
      [productId],
    );
  }
}
