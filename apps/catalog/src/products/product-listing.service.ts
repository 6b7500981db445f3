import { Injectable } from '@nestjs/common';
import {
  ProductCreated,
  ProductDelisted,
  ProductListed,
  ProductRejected,
  ProductSubmitted,
  ProductUpdated,
} from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { Principal } from '@emporium/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { addToSearchDictionary } from '../search/search-dictionary';
import { CreateProductDto, UpdateProductDto } from './dto/product.dto';
import {
  lockOwnedProduct,
  lockProduct,
  merchantOf,
  refuseInactiveMerchant,
  requireApprovedMerchant,
  requireCategory,
  saveWorkflow,
} from './product-access';
import { ProductQualityGate } from './product-quality-gate';
import { ProductQueries } from './product-queries.service';
import { Product, ProductContent } from './product.entity';
import { QualityChecksFailedError } from './product.errors';
import { ProductView } from './product.view';
import { Sku } from './sku.entity';
import { SkusAndPricesService } from './skus-and-prices.service';

/** The actor of automatic decisions by the quality checks. */
const QUALITY_CHECKS = 'quality-checks';

/** The listing workflow: draft → in review → listed / rejected → delisted, and content edits along the way. */
@Injectable()
export class ProductListingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly quality: ProductQualityGate,
    private readonly skus: SkusAndPricesService,
    private readonly queries: ProductQueries,
  ) {}

  async create(request: CreateProductDto, principal: Principal): Promise<ProductView> {
    const merchantId = merchantOf(principal);
    const id = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      await refuseInactiveMerchant(manager, merchantId);
      await requireCategory(manager, request.categoryId, 'categoryId');
      const content = {
        description: '',
        brand: null,
        attributes: {},
        images: [],
        ...contentOf(request),
      } as ProductContent;
      const product = Product.create({ id, merchantId, content, at: new Date() });
      await manager.insert(Product, product);
      await this.outbox.publish(manager, ProductCreated, product.createdEvent());
      await this.skus.insertSkus(manager, product, request.skus ?? [], principal.subject, 'skus');
    });
    return this.queries.get(id, principal);
  }

  async update(id: string, request: UpdateProductDto, principal: Principal): Promise<ProductView> {
    await this.dataSource.transaction(async (manager) => {
      const product = await lockOwnedProduct(manager, id, principal);
      if (request.categoryId) await requireCategory(manager, request.categoryId, 'categoryId');
      const changed = product.edit(contentOf(request));
      if (changed.length === 0) return;
      // A listed product stays listed only if the edit keeps it passing the checks it was listed with.
      if (product.status === 'LISTED') {
        const findings = await this.quality.findings(manager, product);
        if (findings.length > 0) throw new QualityChecksFailedError(id, findings);
        await addToSearchDictionary(manager, product);
      }
      await manager.update(Product, { id }, { ...pick(product, changed as (keyof Product)[]), status: product.status });
      await this.outbox.publish(manager, ProductUpdated, product.updatedEvent(changed, new Date()));
    });
    return this.queries.get(id, principal);
  }

  /** Runs the quality checks: a clean product goes to ops (IN_REVIEW), one with findings is held (REJECTED). */
  async submit(id: string, principal: Principal): Promise<ProductView> {
    await this.dataSource.transaction(async (manager) => {
      const product = await lockOwnedProduct(manager, id, principal);
      await requireApprovedMerchant(manager, product.merchantId);
      product.submit(await this.quality.findings(manager, product));
      await saveWorkflow(manager, product);
      const at = new Date();
      await this.outbox.publish(manager, ProductSubmitted, product.submittedEvent(at));
      if (product.status === 'REJECTED')
        await this.outbox.publish(
          manager,
          ProductRejected,
          product.rejectedEvent({ automatic: true, actor: QUALITY_CHECKS, at }),
        );
    });
    return this.queries.get(id, principal);
  }

  async approve(id: string, principal: Principal): Promise<ProductView> {
    await this.dataSource.transaction(async (manager) => {
      const product = await lockProduct(manager, id);
      await requireApprovedMerchant(manager, product.merchantId);
      product.approve(new Date());
      await this.putOnSale(manager, product, principal.subject);
    });
    return this.queries.get(id, principal);
  }

  async reject(id: string, reasons: string[], principal: Principal): Promise<ProductView> {
    await this.dataSource.transaction(async (manager) => {
      const product = await lockProduct(manager, id);
      product.reject(reasons);
      await saveWorkflow(manager, product);
      await this.outbox.publish(
        manager,
        ProductRejected,
        product.rejectedEvent({ automatic: false, actor: principal.subject, at: new Date() }),
      );
    });
    return this.queries.get(id, principal);
  }

  async delist(id: string, reason: string | undefined, principal: Principal): Promise<ProductView> {
    await this.dataSource.transaction(async (manager) => {
      const product = await lockOwnedProduct(manager, id, principal);
      product.delist();
      await saveWorkflow(manager, product);
      const cause = principal.roles.includes('ops') ? 'OPS_DECISION' : 'MERCHANT_REQUEST';
      await this.outbox.publish(
        manager,
        ProductDelisted,
        product.delistedEvent({ cause, reason, actor: principal.subject, at: new Date() }),
      );
    });
    return this.queries.get(id, principal);
  }

  /** Back on sale without a new review: it passed one already. Still only for an approved merchant. */
  async relist(id: string, principal: Principal): Promise<ProductView> {
    await this.dataSource.transaction(async (manager) => {
      const product = await lockOwnedProduct(manager, id, principal);
      await requireApprovedMerchant(manager, product.merchantId);
      product.relist(new Date());
      await this.putOnSale(manager, product, principal.subject);
    });
    return this.queries.get(id, principal);
  }

  private async putOnSale(manager: EntityManager, product: Product, actor: string): Promise<void> {
    await saveWorkflow(manager, product);
    await addToSearchDictionary(manager, product);
    const skus = await manager.find(Sku, { where: { productId: product.id }, order: { createdAt: 'ASC', sku: 'ASC' } });
    await this.outbox.publish(manager, ProductListed, product.listedEvent(skus, actor));
  }
}

function contentOf(request: UpdateProductDto): Partial<ProductContent> {
  const content: Partial<ProductContent> = {
    title: request.title,
    description: request.description,
    brand: request.brand,
    categoryId: request.categoryId,
    attributes: request.attributes,
    images: request.images?.map((image) => ({ url: image.url, altText: image.altText, main: image.main ?? false })),
  };
  return Object.fromEntries(Object.entries(content).filter(([, value]) => value !== undefined));
}

function pick<T extends object>(source: T, keys: (keyof T)[]): Partial<T> {
  return Object.fromEntries(keys.map((key) => [key, source[key]])) as Partial<T>;
}
