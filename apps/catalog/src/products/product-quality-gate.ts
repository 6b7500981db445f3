import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@emporium/platform';
import { EntityManager } from 'typeorm';
import { Category } from '../categories/category.entity';
import type { CatalogConfig } from '../config';
import { Product } from './product.entity';
import { QualityChecksFailedError } from './product.errors';
import { qualityChecks, QualityFinding } from './quality-checks';
import { Sku } from './sku.entity';

/** The quality checks against the product as stored (its category's required attributes, its SKUs). */
@Injectable()
export class ProductQualityGate {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: CatalogConfig) {}

  async findings(manager: EntityManager, product: Product): Promise<QualityFinding[]> {
    // Sequential: in a transaction both would share one connection (pg queues, and deprecates, overlapping queries).
    const category = await manager.findOneBy(Category, { id: product.categoryId });
    const skus = await manager.find(Sku, { where: { productId: product.id }, order: { createdAt: 'ASC', sku: 'ASC' } });
    return qualityChecks(
      { ...product, requiredAttributes: category?.requiredAttributes ?? [], skus },
      {
        titleMinLength: this.config.CATALOG_TITLE_MIN_LENGTH,
        titleMaxLength: this.config.CATALOG_TITLE_MAX_LENGTH,
        forbiddenWords: this.config.CATALOG_FORBIDDEN_WORDS,
      },
    );
  }

  /** A listed product stays on sale only while it passes the checks it was listed with. */
  async requireStillPassing(manager: EntityManager, product: Product): Promise<void> {
    const findings = await this.findings(manager, product);
    if (findings.length > 0) throw new QualityChecksFailedError(product.id, findings);
  }
}
