import { decodeCursor, encodeCursor, InvalidInputException, SERVICE_CONFIG } from '@emporium/platform';
import { Inject, Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { CatalogConfig } from '../config';
import { ProductImage } from '../products/product.entity';
import { FacetCounts } from './facet-counts';
import { Facets, inCategorySubtree } from './facets';
import { namedStatementPool } from './named-statements';
import { RecentResults } from './recent-results';
import { SearchQuery, SearchSort } from './search.query';
import { SearchSettingsService } from './search-settings.service';
import { queryWords, tsQueryExpression } from './text-query';
import { closestTermSql } from './typos';

interface Row {
  id: string;
  merchant_id: string;
  title: string;
  brand: string | null;
  category_id: string;
  min_price: string | null;
  currency: string | null;
  images: ProductImage[];
  rating_average: number;
  rating_count: number;
  units_sold: number;
  listed_at: Date;
  listed_at_key: string;
  distance: number | null;
}

/**
 * Relevance ranks a bounded candidate set, the `window` best-selling matches, by text relevance in a second
 * step (past them a relevance-sorted search ends; facets.total still counts every match). The candidates
 * come from the top sellers' index when it holds a full window of matches: then they are exactly the
 * best-selling matches of the whole catalogue (migration 1765400000000 says why), found behind posting
 * lists as much shorter as the tier is smaller (twenty times at 5 %). Otherwise from the whole index,
 * which reads every posting of the words.
 * The second branch runs only when the first came up short (a one-time filter: PostgreSQL skips it).
 */
function relevanceCandidates(columns: string, filters: string, window: number): string {
  const bestSelling = (where: string) =>
    `SELECT ${columns} FROM products p WHERE ${where} ORDER BY p.units_sold <=| 2147483647 LIMIT ${window}`;
  return `WITH top_sellers AS MATERIALIZED (${bestSelling(`${filters} AND p.search_top_seller`)})
          SELECT * FROM top_sellers WHERE (SELECT count(*) FROM top_sellers) = ${window}
          UNION ALL
          (${bestSelling(`${filters} AND (SELECT count(*) FROM top_sellers) < ${window}`)})`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** PostgreSQL's text form of a timestamptz in ISO style ("2026-07-12 08:49:57.990661+00"), a real date. */
function isTimestampText(text: string): boolean {
  const match = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(\.\d{1,6})?[+-]\d\d(:\d\d)?$/.exec(text);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return (
    year >= 1 &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60
  );
}

const integerKey = (value: unknown) =>
  (typeof value === 'number' && Number.isSafeInteger(value)) ||
  (typeof value === 'string' && /^-?\d{1,18}$/.test(value));

/**
 * Per sort: the ORDER BY, the keyset comparison, the row's key (what the cursor carries) and what a
 * cursor's key must look like (a tampered one is a 400, never a failed cast). `$D` is the rank distance.
 */
const ORDERINGS: Record<
  SearchSort,
  { orderBy: string; keyset: string; key: (row: Row) => unknown; valid: (key: unknown) => boolean }
> = {
  // RUM's `<=>` is the distance 1 / rank: smaller is better.
  relevance: {
    orderBy: '$D ASC, p.id ASC',
    keyset: '($D, p.id) > ($K1::real, $K2::uuid)',
    key: (row) => row.distance,
    valid: (key) => typeof key === 'number' && Number.isFinite(key),
  },
  price_asc: {
    orderBy: 'p.min_price ASC, p.id ASC',
    keyset: '(p.min_price, p.id) > ($K1::bigint, $K2::uuid)',
    key: (row) => row.min_price,
    valid: integerKey,
  },
  price_desc: {
    orderBy: 'p.min_price DESC, p.id DESC',
    keyset: '(p.min_price, p.id) < ($K1::bigint, $K2::uuid)',
    key: (row) => row.min_price,
    valid: integerKey,
  },
  newest: {
    orderBy: 'p.listed_at DESC, p.id DESC',
    keyset: '(p.listed_at, p.id) < ($K1::timestamptz, $K2::uuid)',
    key: (row) => row.listed_at_key,
    valid: (key) => typeof key === 'string' && isTimestampText(key),
  },
  best_selling: {
    orderBy: 'p.units_sold DESC, p.id DESC',
    keyset: '(p.units_sold, p.id) < ($K1::int, $K2::uuid)',
    key: (row) => row.units_sold,
    valid: (key) => typeof key === 'number' && Number.isInteger(key) && Math.abs(key) <= 2 ** 31 - 1,
  },
};

/**
 * Search over listed products: PostgreSQL full text with a RUM index, which matches and returns the
 * best-selling matches first (relevance ranks those), pg_trgm over a dictionary of listed words for typo
 * tolerance, and facet counts over the same filters, computed beside the page on another connection.
 */
@Injectable()
export class SearchService {
  private readonly relevanceWindow: number;
  private readonly namedStatements: Pool;
  /** Language and word → the closest dictionary word (itself when it is one), or null for a stop word. */
  private readonly recentCorrections: RecentResults<string | null>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: SearchSettingsService,
    private readonly facetCounts: FacetCounts,
    @Inject(SERVICE_CONFIG) config: CatalogConfig,
  ) {
    this.relevanceWindow = config.CATALOG_SEARCH_RELEVANCE_CANDIDATES;
    this.namedStatements = namedStatementPool(dataSource);
    this.recentCorrections = new RecentResults(config.CATALOG_SEARCH_CORRECTION_CACHE_SECONDS * 1000, 20_000);
  }

  async search(query: SearchQuery) {
    const settings = await this.settings.current();
    const tokens = queryWords(query.q, settings.stopWords);
    const sort: SearchSort = query.sort ?? (tokens.length > 0 ? 'relevance' : 'newest');
    const ordering = ORDERINGS[sort === 'relevance' && tokens.length === 0 ? 'newest' : sort];
    const limit = query.limit ?? 20;

    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = [`p.status = 'LISTED'`];
    let distance = 'NULL::real';
    let corrections = new Map<string, string>();
    let expression: string | undefined;
    if (tokens.length > 0) {
      corrections = await this.corrections(tokens, settings.language);
      expression = tsQueryExpression(tokens, corrections, settings.synonyms);
      const tsQuery = `to_tsquery(${param(settings.language)}::regconfig, ${param(expression)})`;
      where.push(`p.search_vector @@ ${tsQuery}`);
      distance = `(p.search_vector <=> ${tsQuery})`;
    }
    if (query.categoryId) {
      where.push(inCategorySubtree('p.category_id', param(query.categoryId)));
    }
    if (query.minPrice !== undefined) where.push(`p.min_price >= ${param(query.minPrice)}`);
    if (query.maxPrice !== undefined) where.push(`p.min_price <= ${param(query.maxPrice)}`);
    if (query.brand) where.push(`lower(p.brand) = lower(${param(query.brand)})`);
    if (query.minRating !== undefined)
      where.push(`p.rating_count > 0 AND p.rating_average >= ${param(query.minRating)}`);
    const filterParams = [...params];
    const filters = where.join(' AND ');

    let keyset = 'true';
    if (query.cursor) {
      const [cursorSort, key, id] = decodeCursor(query.cursor, 3);
      if (cursorSort !== sort || !ordering.valid(key) || typeof id !== 'string' || !UUID.test(id)) {
        throw new InvalidInputException([
          { field: 'cursor', message: 'is not a cursor this API issued for this sort' },
        ]);
      }
      keyset = ordering.keyset.replace('$K1', param(key)).replace('$K2', param(id));
    }

    const columns = `p.id, p.merchant_id, p.title, p.brand, p.category_id, p.min_price, p.currency, p.images,
              p.rating_average, p.rating_count, p.units_sold, p.listed_at, p.listed_at::text AS listed_at_key,
              ${distance} AS distance`;
    const page: Promise<Row[]> = this.dataSource.query(
      ordering === ORDERINGS.relevance
        ? `SELECT * FROM (${relevanceCandidates(columns, filters, this.relevanceWindow)}) p
           WHERE ${keyset.replaceAll('$D', 'p.distance')}
           ORDER BY ${ordering.orderBy.replaceAll('$D', 'p.distance')}
           LIMIT ${param(limit + 1)}`
        : `SELECT ${columns} FROM products p
           WHERE ${filters} AND ${keyset}
           ORDER BY ${ordering.orderBy}
           LIMIT ${param(limit + 1)}`,
      params,
    );
    // Facets describe the whole result, so they come with the first page only, and only when asked: they
    // read every match, which a page never does (seconds for a top category of a million products).
    const facets: Promise<Facets | undefined> =
      query.cursor || query.facets !== 'true'
        ? Promise.resolve(undefined)
        : this.facetCounts.of(query, tokens.length > 0, filters, filterParams);
    const [rows, facetCounts] = await Promise.all([page, facets]);

    const items = rows.slice(0, limit);
    const last = items.at(-1);
    const corrected = [...corrections].filter(([token, correction]) => token !== correction);
    return {
      items: items.map(hitView),
      nextCursor: rows.length > limit && last ? encodeCursor([sort, ordering.key(last), last.id]) : null,
      sort,
      ...(corrected.length > 0 ? { corrections: Object.fromEntries(corrected) } : {}),
      ...(facetCounts ? { facets: facetCounts } : {}),
    };
  }

  /**
   * The closest dictionary word to each query word (itself when it is one). A word's correction is reused
   * for CATALOG_SEARCH_CORRECTION_CACHE_SECONDS: shoppers' words repeat far more than their queries, and a
   * lookup costs PostgreSQL ~0.7 ms (half of it planning) on every search with words.
   */
  private async corrections(tokens: string[], language: string): Promise<Map<string, string>> {
    const candidates = tokens.filter((token) => token.length >= 3);
    const found = await Promise.all(
      candidates.map((token) =>
        this.recentCorrections.get(`${language}:${token}`, () => this.closestWord(token, language)),
      ),
    );
    return new Map(candidates.flatMap((token, i) => (found[i] ? [[token, found[i]] as const] : [])));
  }

  private async closestWord(token: string, language: string): Promise<string | null> {
    // A stop word of the language is left alone: "with" is dropped, not corrected to "watch".
    const { rows } = await this.namedStatements.query<{ correction: string | null }>({
      name: 'catalog_closest_word',
      text: `SELECT CASE WHEN to_tsvector($2::regconfig, $1::text) = ''::tsvector THEN NULL ELSE ${closestTermSql('$1::text')} END AS correction`,
      values: [token, language],
    });
    return rows[0].correction;
  }
}

function hitView(row: Row) {
  const image = row.images.find((candidate) => candidate.main) ?? row.images[0];
  return {
    id: row.id,
    merchantId: row.merchant_id,
    title: row.title,
    brand: row.brand ?? undefined,
    categoryId: row.category_id,
    price: row.min_price === null ? undefined : { from: Number(row.min_price), currency: row.currency },
    image: image ? { url: image.url, altText: image.altText } : undefined,
    rating: { average: Math.round(row.rating_average * 100) / 100, count: row.rating_count },
    unitsSold: row.units_sold,
    listedAt: row.listed_at.toISOString(),
    // The rank (higher is better); RUM orders by its inverse.
    ...(row.distance !== null
      ? { relevance: row.distance > 0 && Number.isFinite(row.distance) ? 1 / row.distance : 0 }
      : {}),
  };
}
