import { SERVICE_CONFIG } from '@emporium/platform';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CatalogConfig } from '../config';
import { cellFacetsQuery, Facets, facetsQuery, inCategorySubtree } from './facets';
import { RecentResults } from './recent-results';
import { SearchQuery } from './search.query';

/**
 * Facet counts for a search's first page: from the facet cells when the search has no words and only
 * filters the cells hold, else counted over the matching products; either way cached for
 * CATALOG_SEARCH_FACET_CACHE_SECONDS per query and filters.
 */
@Injectable()
export class FacetCounts {
  private readonly cache: RecentResults<Facets>;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) config: CatalogConfig,
  ) {
    this.cache = new RecentResults<Facets>(config.CATALOG_SEARCH_FACET_CACHE_SECONDS * 1000);
  }

  /** `filters` and `params` are the search's own WHERE over `products p`, used when the cells cannot answer. */
  of(query: SearchQuery, hasWords: boolean, filters: string, params: unknown[]): Promise<Facets> {
    return this.cache.get(JSON.stringify([filters, params]), () =>
      !hasWords && cellsHold(query) ? this.fromCells(query) : this.fromProducts(filters, params),
    );
  }

  private async fromProducts(filters: string, params: unknown[]): Promise<Facets> {
    const [row] = await this.dataSource.query(facetsQuery(filters), params);
    return row.facets as Facets;
  }

  /**
   * Facets of a search without words whose filters the facet cells hold (a category subtree, a brand, a
   * whole-star minimum rating): read from the cells, never from the products. A price range cuts through
   * the price buckets and a fractional rating through the stars, so those are counted from the products.
   */
  private async fromCells(query: SearchQuery): Promise<Facets> {
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = ['true'];
    if (query.categoryId) where.push(inCategorySubtree('c.category_id', param(query.categoryId)));
    if (query.brand) where.push(`c.brand_key = lower(${param(query.brand)})`);
    if (query.minRating !== undefined) where.push(`c.rating_floor >= ${param(query.minRating)}`);
    const [row] = await this.dataSource.query(cellFacetsQuery(where.join(' AND ')), params);
    return row.facets as Facets;
  }
}

/** A search without words that the facet cells can count: no price range, whole stars only. */
function cellsHold(query: SearchQuery): boolean {
  return (
    query.minPrice === undefined &&
    query.maxPrice === undefined &&
    (query.minRating === undefined || Number.isInteger(query.minRating))
  );
}
