import { ForbiddenException, Inject, Injectable } from '@nestjs/common';
import {
  DomainEvent,
  MerchantStatus,
  OrderCompletedV1,
  ProductCreated,
  ProductDelisted,
  ProductListed,
  ProductPriceChanged,
  ProductRejected,
  ProductSubmitted,
  ProductUpdated,
  ReviewPublishedV1,
  SkuAdded,
} from '@emporium/contracts';
import { Outbox } from '@emporium/messaging';
import { decodeCursor, encodeCursor, InvalidInputException, NotFoundError, ownerScope, Principal, SERVICE_CONFIG } from '@emporium/platform';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { Category } from '../categories/category.entity';
import type { CatalogConfig } from '../config';
import { dictionaryTerms } from '../search/search-terms';
import { CreateProductDto, ListProductsQuery, SkuDto, UpdateProductDto } from './dto/product.dto';
import { MerchantStanding } from './merchant-standing.entity';
import { PriceChange } from './price-change.entity';
import { Product, ProductContent } from './product.entity';
import { MerchantNotApprovedError, MerchantSuspendedError, QualityChecksFailedError, SkuExistsError, SkuUnavailableError } from './product.errors';
import { priceChangeView, productView, ProductView } from './product.view';
import { qualityChecks, QualityFinding } from './quality-checks';
import { Sku } from './sku.entity';

/** The actor of automatic decisions (quality checks, suspension delisting). */
const SYSTEM = 'system';
const QUALITY_CHECKS = 'quality-checks';

@Injectable()
export class ProductsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(SERVICE_CONFIG) private readonly config: CatalogConfig,
  ) {}

  async create(request: CreateProductDto, principal: Principal): Promise<ProductView> {
    const merchantId = merchantOf(principal);
    const id = randomUUID();
    await this.dataSource.transaction(async (manager) => {
      await this.refuseInactiveMerchant(manager, merchantId);
      await this.requireCategory(manager, request.categoryId, 'categoryId');
      const content = { description: '', brand: null, attributes: {}, images: [], ...contentOf(request) } as ProductContent;
      const product = Product.create({ id, merchantId, content, at: new Date() });
      await manager.insert(Product, product);
      await this.outbox.publish(manager, ProductCreated, {
        productId: id,
        merchantId,
        status: product.status,
        title: product.title,
        brand: product.brand ?? undefined,
        categoryId: product.categoryId,
        createdAt: product.createdAt.toISOString(),
      });
      await this.insertSkus(manager, product, request.skus ?? [], principal.subject, 'skus');
    });
    return this.get(id, principal);
  }

  async get(id: string, principal: Principal | undefined): Promise<ProductView> {
    const product = await this.dataSource.manager.findOneBy(Product, { id });
    // Customers and anonymous callers see listed products only; the rest does not exist for them.
    if (!product || (!principal && product.status !== 'LISTED')) throw new NotFoundError('product', id);
    const internal = !!principal && mayManage(product, principal);
    if (principal && !internal && product.status !== 'LISTED') {
      if (principal.roles.includes('merchant')) throw new ForbiddenException('A merchant may only see its own unlisted products');
      throw new NotFoundError('product', id);
    }
    const skus = await this.dataSource.manager.find(Sku, { where: { productId: id }, order: { createdAt: 'ASC', sku: 'ASC' } });
    return productView(product, skus, internal);
  }

  /** A merchant's own products (any status), or for ops everyone's; newest last, keyset-paginated. */
  async list(query: ListProductsQuery, principal: Principal) {
    // Narrowest scope wins: a token holding `merchant` lists its own merchant's products even if it also holds ops.
    const merchantId = principal.roles.includes('merchant') ? merchantOf(principal) : query.merchantId;
    const limit = query.limit ?? 20;
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, ...values: unknown[]) => {
      params.push(...values);
      where.push(sql.replace(/\$(\d+)/g, (_, n) => `$${params.length - values.length + Number(n)}`));
    };
    if (merchantId) add('merchant_id = $1', merchantId);
    if (query.status) add('status = $1', query.status);
    if (query.cursor) add('(created_at, id) > ($1::timestamptz, $2::uuid)', ...decodeCursor(query.cursor, 2));
    params.push(limit + 1);
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM products ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at, id LIMIT $${params.length}`,
      params,
    );
    const ids = rows.slice(0, limit).map((row) => row.id);
    const products = ids.length ? await this.dataSource.manager.find(Product, { where: { id: In(ids) }, order: { createdAt: 'ASC', id: 'ASC' } }) : [];
    const skus = ids.length ? await this.dataSource.manager.find(Sku, { where: { productId: In(ids) }, order: { createdAt: 'ASC', sku: 'ASC' } }) : [];
    const last = products.at(-1);
    return {
      items: products.map((product) => productView(product, skus.filter((sku) => sku.productId === product.id), true)),
      nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
    };
  }

  async update(id: string, request: UpdateProductDto, principal: Principal): Promise<ProductView> {
    await this.dataSource.transaction(async (manager) => {
      const product = await this.lockOwned(manager, id, principal);
      if (request.categoryId) await this.requireCategory(manager, request.categoryId, 'categoryId');
      const changed = product.edit(contentOf(request));
      if (changed.length === 0) return;
      // A listed product stays listed only if the edit keeps it passing the checks it was listed with.
      if (product.status === 'LISTED') {
        const findings = await this.check(manager, product);
        if (findings.length > 0) throw new QualityChecksFailedError(id, findings);
        await this.addSearchTerms(manager, product);
      }
      await manager.update(Product, { id }, { ...pick(product, changed as (keyof Product)[]), status: product.status, version: product.version + 1 });
      await this.outbox.publish(manager, ProductUpdated, {
        productId: id,
        merchantId: product.merchantId,
        status: product.status,
        changedFields: changed,
        title: product.title,
        brand: product.brand ?? undefined,
        categoryId: product.categoryId,
        updatedAt: new Date().toISOString(),
      });
    });
    return this.get(id, principal);
  }

  async addSku(id: string, request: SkuDto, principal: Principal): Promise<ProductView> {
    await this.dataSource.transaction(async (manager) => {
      const product = await this.lockOwned(manager, id, principal);
      await this.insertSkus(manager, product, [request], principal.subject, null);
      // A SKU added to a listed product is on sale at once: it must pass the same checks as the listing.
      if (product.status === 'LISTED') await this.requireStillPassing(manager, product);
    });
    return this.get(id, principal);
  }

  async changePrice(id: string, skuCode: string, price: number, principal: Principal): Promise<ProductView> {
    await this.dataSource.transaction(async (manager) => {
      const product = await this.lockOwned(manager, id, principal);
      const sku = await manager.findOneBy(Sku, { sku: skuCode, productId: id });
      if (!sku) throw new NotFoundError('sku', skuCode);
      if (sku.price === price) return;
      const at = new Date();
      const previousPrice = sku.price;
      await manager.update(Sku, { sku: skuCode }, { price });
      await manager.insert(PriceChange, { sku: skuCode, productId: id, previousPrice, price, currency: sku.currency, actor: principal.subject, changedAt: at });
      await this.refreshMinPrice(manager, id);
      const jumped = product.status === 'LISTED' && Math.abs(price - previousPrice) * 100 > previousPrice * this.config.CATALOG_PRICE_REVIEW_JUMP_PERCENT;
      if (product.status === 'LISTED') await this.requireStillPassing(manager, product);
      if (jumped) {
        // Ops approved the product at the old price; a jump this large (a typo, or a bait-and-switch) is theirs to see again.
        product.returnToReview();
        await this.saveWorkflow(manager, product);
        await this.outbox.publish(manager, ProductSubmitted, { productId: id, merchantId: product.merchantId, status: product.status, findings: [], submittedAt: at.toISOString() });
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
    return this.get(id, principal);
  }

  /** Prices with who changed them: for the owning merchant and ops only, listed or not. */
  async priceHistory(id: string, principal: Principal) {
    const product = await this.dataSource.manager.findOneBy(Product, { id });
    if (!product) throw new NotFoundError('product', id);
    if (!mayManage(product, principal)) {
      if (principal.roles.includes('merchant')) throw new ForbiddenException('A merchant may only see its own products’ price history');
      throw new NotFoundError('product', id);
    }
    const changes = await this.dataSource.manager.find(PriceChange, { where: { productId: id }, order: { id: 'ASC' } });
    return changes.map(priceChangeView);
  }

  /** Runs the quality checks: a clean product goes to ops (IN_REVIEW), one with findings is held (REJECTED). */
  async submit(id: string, principal: Principal): Promise<ProductView> {
    await this.dataSource.transaction(async (manager) => {
      const product = await this.lockOwned(manager, id, principal);
      await this.requireApprovedMerchant(manager, product.merchantId);
      const findings = await this.check(manager, product);
      product.submit(findings);
      await this.saveWorkflow(manager, product);
      const at = new Date().toISOString();
      await this.outbox.publish(manager, ProductSubmitted, { productId: id, merchantId: product.merchantId, status: product.status, findings, submittedAt: at });
      if (product.status === 'REJECTED') {
        await this.outbox.publish(manager, ProductRejected, {
          productId: id,
          merchantId: product.merchantId,
          status: product.status,
          automatic: true,
          reasons: product.rejectionReasons,
          findings,
          actor: QUALITY_CHECKS,
          rejectedAt: at,
        });
      }
    });
    return this.get(id, principal);
  }

  async approve(id: string, principal: Principal): Promise<ProductView> {
    await this.dataSource.transaction(async (manager) => {
      const product = await this.lock(manager, id);
      await this.requireApprovedMerchant(manager, product.merchantId);
      product.approve(new Date());
      await this.putOnSale(manager, product, principal.subject);
    });
    return this.get(id, principal);
  }

  async reject(id: string, reasons: string[], principal: Principal): Promise<ProductView> {
    await this.dataSource.transaction(async (manager) => {
      const product = await this.lock(manager, id);
      product.reject(reasons);
      await this.saveWorkflow(manager, product);
      await this.outbox.publish(manager, ProductRejected, {
        productId: id,
        merchantId: product.merchantId,
        status: product.status,
        automatic: false,
        reasons,
        findings: product.findings,
        actor: principal.subject,
        rejectedAt: new Date().toISOString(),
      });
    });
    return this.get(id, principal);
  }

  async delist(id: string, reason: string | undefined, principal: Principal): Promise<ProductView> {
    await this.dataSource.transaction(async (manager) => {
      const product = await this.lockOwned(manager, id, principal);
      product.delist();
      await this.saveWorkflow(manager, product);
      await this.outbox.publish(manager, ProductDelisted, {
        productId: id,
        merchantId: product.merchantId,
        status: product.status,
        cause: principal.roles.includes('ops') ? 'OPS_DECISION' : 'MERCHANT_REQUEST',
        reason,
        actor: principal.subject,
        delistedAt: new Date().toISOString(),
      });
    });
    return this.get(id, principal);
  }

  /** Back on sale without a new review: it passed one already. Still only for an approved merchant. */
  async relist(id: string, principal: Principal): Promise<ProductView> {
    await this.dataSource.transaction(async (manager) => {
      const product = await this.lockOwned(manager, id, principal);
      await this.requireApprovedMerchant(manager, product.merchantId);
      product.relist(new Date());
      await this.putOnSale(manager, product, principal.subject);
    });
    return this.get(id, principal);
  }

  /**
   * Keeps the local view of a merchant's standing. A suspension delists every listed product of the
   * merchant in this same transaction, one delisted event each; reinstatement relists nothing: the
   * merchant decides what goes back on sale.
   */
  async applyMerchantStatus(event: DomainEvent<{ merchantId: string; status: MerchantStatus; reason?: string }>, manager: EntityManager): Promise<void> {
    const { merchantId, status } = event.data;
    await manager.upsert(MerchantStanding, { merchantId, status }, ['merchantId']);
    if (status !== 'SUSPENDED') return;
    // One set-based UPDATE rather than an entity per product: a large merchant must go dark within
    // seconds. The WHERE clause is the LISTED → DELISTED guard the entity would apply.
    // TypeORM answers an UPDATE with [rows, affected count].
    const [delisted]: [{ id: string }[], number] = await manager.query(
      `UPDATE products SET status = 'DELISTED', version = version + 1, updated_at = now()
       WHERE merchant_id = $1 AND status = 'LISTED' RETURNING id`,
      [merchantId],
    );
    const at = new Date().toISOString();
    for (const { id } of delisted) {
      await this.outbox.publish(
        manager,
        ProductDelisted,
        { productId: id, merchantId, status: 'DELISTED', cause: 'MERCHANT_SUSPENDED', reason: event.data.reason, actor: SYSTEM, delistedAt: at },
        { causedBy: event.metadata },
      );
    }
  }

  /** Rating summary read model; a review counts once whatever the delivery. */
  async applyReview(review: ReviewPublishedV1, manager: EntityManager): Promise<void> {
    if (!(await this.firstTime(manager, 'REVIEW', review.reviewId))) return;
    await manager.query(
      `UPDATE products SET rating_count = rating_count + 1, rating_sum = rating_sum + $2,
              rating_average = (rating_sum + $2)::real / (rating_count + 1)
       WHERE id = $1`,
      [review.productId, review.rating],
    );
  }

  /** Sales read model (best-selling sort): units per product from completed orders. */
  async applySale(order: OrderCompletedV1, manager: EntityManager): Promise<void> {
    if (!(await this.firstTime(manager, 'COMPLETED_ORDER', order.orderId))) return;
    for (const line of order.lines) {
      await manager.query(`UPDATE products SET units_sold = units_sold + $2 WHERE id = (SELECT product_id FROM skus WHERE sku = $1)`, [line.sku, line.quantity]);
    }
  }

  private async putOnSale(manager: EntityManager, product: Product, actor: string): Promise<void> {
    await this.saveWorkflow(manager, product);
    await this.addSearchTerms(manager, product);
    const skus = await manager.find(Sku, { where: { productId: product.id }, order: { createdAt: 'ASC', sku: 'ASC' } });
    await this.outbox.publish(manager, ProductListed, {
      productId: product.id,
      merchantId: product.merchantId,
      status: product.status,
      title: product.title,
      brand: product.brand ?? undefined,
      categoryId: product.categoryId,
      skus: skus.map((sku) => ({ sku: sku.sku, price: sku.price, currency: sku.currency })),
      actor,
      listedAt: product.listedAt!.toISOString(),
    });
  }

  private async insertSkus(manager: EntityManager, product: Product, skus: SkuDto[], actor: string, field: string | null): Promise<void> {
    if (skus.length === 0) return;
    const fieldOf = (index: number, name: string) => (field ? `${field}.${index}.${name}` : name);
    const existing = await manager.find(Sku, { where: { productId: product.id }, take: 1 });
    const currency = existing[0]?.currency ?? skus[0].currency;
    const violations = skus.flatMap((sku, index) => [
      ...(sku.currency !== currency ? [{ field: fieldOf(index, 'currency'), message: `must be ${currency}, like the product's other SKUs` }] : []),
      ...(skus.findIndex((other) => other.sku === sku.sku) !== index ? [{ field: fieldOf(index, 'sku'), message: 'is repeated' }] : []),
    ]);
    if (violations.length > 0) throw new InvalidInputException(violations);
    const taken = await manager.find(Sku, { where: { sku: In(skus.map((sku) => sku.sku)) } });
    if (taken.length > 0) {
      const owners: { id: string; merchant_id: string }[] = await manager.query(`SELECT id, merchant_id FROM products WHERE id = ANY($1::uuid[])`, [taken.map((sku) => sku.productId)]);
      const own = taken.find((sku) => owners.some((owner) => owner.id === sku.productId && owner.merchant_id === product.merchantId));
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
      skus.map((sku) => ({ sku: sku.sku, productId: product.id, previousPrice: null, price: sku.price, currency: sku.currency, actor, changedAt: at })),
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
        dimensions: { lengthMm: sku.dimensions.lengthMm, widthMm: sku.dimensions.widthMm, heightMm: sku.dimensions.heightMm },
        title: product.title.slice(0, 200),
        addedAt: at.toISOString(),
      });
    }
  }

  private async check(manager: EntityManager, product: Product): Promise<QualityFinding[]> {
    const [category, skus] = await Promise.all([
      manager.findOneBy(Category, { id: product.categoryId }),
      manager.find(Sku, { where: { productId: product.id }, order: { createdAt: 'ASC', sku: 'ASC' } }),
    ]);
    return qualityChecks(
      { ...product, requiredAttributes: category?.requiredAttributes ?? [], skus },
      { titleMinLength: this.config.CATALOG_TITLE_MIN_LENGTH, titleMaxLength: this.config.CATALOG_TITLE_MAX_LENGTH, forbiddenWords: this.config.CATALOG_FORBIDDEN_WORDS },
    );
  }

  private async requireStillPassing(manager: EntityManager, product: Product): Promise<void> {
    const findings = await this.check(manager, product);
    if (findings.length > 0) throw new QualityChecksFailedError(product.id, findings);
  }

  /** A suspended or rejected merchant creates nothing; a merchant still in review may prepare drafts. */
  private async refuseInactiveMerchant(manager: EntityManager, merchantId: string): Promise<void> {
    const standing = await manager.findOneBy(MerchantStanding, { merchantId });
    if (standing && (standing.status === 'SUSPENDED' || standing.status === 'REJECTED')) throw new MerchantSuspendedError(merchantId, standing.status);
  }

  private async requireApprovedMerchant(manager: EntityManager, merchantId: string): Promise<void> {
    const standing = await manager.findOneBy(MerchantStanding, { merchantId });
    if (standing?.status !== 'APPROVED') throw new MerchantNotApprovedError(merchantId, standing?.status ?? 'UNKNOWN');
  }

  private async requireCategory(manager: EntityManager, id: string, field: string): Promise<void> {
    if (!(await manager.existsBy(Category, { id }))) throw new InvalidInputException([{ field, message: 'no such category' }]);
  }

  private async saveWorkflow(manager: EntityManager, product: Product): Promise<void> {
    await manager.update(
      Product,
      { id: product.id },
      { status: product.status, findings: product.findings, rejectionReasons: product.rejectionReasons, listedAt: product.listedAt, version: product.version + 1 },
    );
    product.version += 1;
  }

  private async refreshMinPrice(manager: EntityManager, productId: string): Promise<void> {
    await manager.query(
      `UPDATE products p SET min_price = s.min_price, currency = s.currency
       FROM (SELECT min(price) AS min_price, min(currency) AS currency FROM skus WHERE product_id = $1) s WHERE p.id = $1`,
      [productId],
    );
  }

  private async addSearchTerms(manager: EntityManager, product: Product): Promise<void> {
    const terms = dictionaryTerms(product.title, product.brand);
    if (terms.length > 0) await manager.query(`INSERT INTO search_terms (term) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [terms]);
  }

  private async firstTime(manager: EntityManager, kind: string, sourceId: string): Promise<boolean> {
    const inserted: unknown[] = await manager.query(`INSERT INTO applied_facts (kind, source_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING kind`, [kind, sourceId]);
    return inserted.length > 0;
  }

  private async lock(manager: EntityManager, id: string): Promise<Product> {
    const product = await manager.findOne(Product, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!product) throw new NotFoundError('product', id);
    return product;
  }

  private async lockOwned(manager: EntityManager, id: string, principal: Principal): Promise<Product> {
    const product = await this.lock(manager, id);
    if (!mayManage(product, principal)) throw new ForbiddenException('A merchant may only manage its own products');
    return product;
  }
}

function mayManage(product: Product, principal: Principal): boolean {
  // Narrowest scope wins: holding `merchant` confines a token to its merchant's products, even with ops.
  if (principal.roles.includes('merchant')) return !!principal.merchantId && ownerScope(principal, 'merchant') === product.merchantId;
  return principal.roles.includes('ops');
}

function merchantOf(principal: Principal): string {
  if (!principal.merchantId) throw new ForbiddenException('The token does not name a merchant (merchantId claim)');
  return principal.merchantId;
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

