import { messagingMigrations } from '@emporium/messaging';
import { IdempotencyKeysTable1763800000001 } from '@emporium/platform';
import { Category } from './categories/category.entity';
import { Catalog1763800004000 } from './migrations/1763800004000-catalog';
import { SearchAtScale1764500000000 } from './migrations/1764500000000-search-at-scale';
import { DropUnusedVersion1765000000000 } from './migrations/1765000000000-drop-unused-version';
import { FacetCells1765100000000 } from './migrations/1765100000000-facet-cells';
import { FacetCellsRecount1765200000000 } from './migrations/1765200000000-facet-cells-recount';
import { BrandPagesBySales1765300000000 } from './migrations/1765300000000-brand-pages-by-sales';
import { TopSellerTier1765400000000 } from './migrations/1765400000000-top-seller-tier';
import { MerchantStanding } from './products/merchant-standing.entity';
import { PriceChange } from './products/price-change.entity';
import { Product } from './products/product.entity';
import { Sku } from './products/sku.entity';

export const entities = [Category, Product, Sku, PriceChange, MerchantStanding];
export const migrations = [
  ...messagingMigrations,
  IdempotencyKeysTable1763800000001,
  Catalog1763800004000,
  SearchAtScale1764500000000,
  DropUnusedVersion1765000000000,
  FacetCells1765100000000,
  FacetCellsRecount1765200000000,
  BrandPagesBySales1765300000000,
  TopSellerTier1765400000000,
];
