import { PriceChange } from './price-change.entity';
import { Product } from './product.entity';
import { Sku } from './sku.entity';

export function skuView(sku: Sku) {
  return {
    sku: sku.sku,
    options: sku.options,
    price: sku.price,
    currency: sku.currency,
    weightGrams: sku.weightGrams,
    dimensions: { lengthMm: sku.lengthMm, widthMm: sku.widthMm, heightMm: sku.heightMm },
  };
}

/**
 * The product as the API shows it. `internal` adds what only its merchant and ops see: the quality
 * findings and rejection reasons.
 */
export function productView(product: Product, skus: Sku[], internal: boolean) {
  return {
    id: product.id,
    merchantId: product.merchantId,
    status: product.status,
    title: product.title,
    description: product.description,
    brand: product.brand ?? undefined,
    categoryId: product.categoryId,
    attributes: product.attributes,
    images: product.images,
    skus: skus.map(skuView),
    price: product.minPrice === null ? undefined : { from: product.minPrice, currency: product.currency },
    rating: { average: Math.round(product.ratingAverage * 100) / 100, count: product.ratingCount },
    unitsSold: product.unitsSold,
    listedAt: product.listedAt?.toISOString(),
    ...(internal ? { findings: product.findings, rejectionReasons: product.rejectionReasons } : {}),
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
  };
}

export type ProductView = ReturnType<typeof productView>;

export function priceChangeView(change: PriceChange) {
  return {
    sku: change.sku,
    previousPrice: change.previousPrice ?? undefined,
    price: change.price,
    currency: change.currency,
    actor: change.actor,
    changedAt: change.changedAt.toISOString(),
  };
}
