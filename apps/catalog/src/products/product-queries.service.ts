import { ForbiddenException, Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor, NotFoundError, Principal } from '@emporium/platform';
import { DataSource, In } from 'typeorm';
import { ListProductsQuery } from './dto/product.dto';
import { PriceChange } from './price-change.entity';
import { mayManage, merchantOf } from './product-access';
import { Product } from './product.entity';
import { priceChangeView, productView, ProductView } from './product.view';
import { Sku } from './sku.entity';

/** Reading products as each caller may see them. */
@Injectable()
export class ProductQueries {
  constructor(private readonly dataSource: DataSource) {}

  async get(id: string, principal: Principal | undefined): Promise<ProductView> {
    const product = await this.dataSource.manager.findOneBy(Product, { id });
    // Customers and anonymous callers see listed products only; the rest does not exist for them.
    if (!product || (!principal && product.status !== 'LISTED')) throw new NotFoundError('product', id);
    const internal = !!principal && mayManage(product, principal);
    if (principal && !internal && product.status !== 'LISTED') {
      if (principal.roles.includes('merchant'))
        throw new ForbiddenException('A merchant may only see its own unlisted products');
      throw new NotFoundError('product', id);
    }
    const skus = await this.dataSource.manager.find(Sku, {
      where: { productId: id },
      order: { createdAt: 'ASC', sku: 'ASC' },
    });
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
    const products = ids.length
      ? await this.dataSource.manager.find(Product, { where: { id: In(ids) }, order: { createdAt: 'ASC', id: 'ASC' } })
      : [];
    const skus = ids.length
      ? await this.dataSource.manager.find(Sku, {
          where: { productId: In(ids) },
          order: { createdAt: 'ASC', sku: 'ASC' },
        })
      : [];
    const last = products.at(-1);
    return {
      items: products.map((product) =>
        productView(
          product,
          skus.filter((sku) => sku.productId === product.id),
          true,
        ),
      ),
      nextCursor: rows.length > limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
    };
  }

  /** Prices with who changed them: for the owning merchant and ops only, listed or not. */
  async priceHistory(id: string, principal: Principal) {
    const product = await this.dataSource.manager.findOneBy(Product, { id });
    if (!product) throw new NotFoundError('product', id);
    if (!mayManage(product, principal)) {
      if (principal.roles.includes('merchant'))
        throw new ForbiddenException('A merchant may only see its own products’ price history');
      throw new NotFoundError('product', id);
    }
    const changes = await this.dataSource.manager.find(PriceChange, { where: { productId: id }, order: { id: 'ASC' } });
    return changes.map(priceChangeView);
  }
}
