import { decodeCursor, encodeCursor } from '@emporium/platform';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProductImage } from '../products/product.entity';
import { SearchQuery, SearchSort } from './search.query';
import { queryWords, tsQueryExpression } from './text-query';

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
  rank: number | null;
}

/** Per sort: the ORDER BY, the keyset comparison and the row's key (what the cursor carries). */
const ORDERINGS: Record<SearchSort, { orderBy: string; keyset: string; key: (row: Row) => unknown }> = {
  relevance: { orderBy: 'rank DESC, id DESC', keyset: '(rank, id) < ($K1::real, $K2::uuid)', key: (row) => row.rank },
  price_asc: { orderBy: 'min_price ASC, id ASC', keyset: '(min_price, id) > ($K1::bigint, $K2::uuid)', key: (row) => row.min_price },
  price_desc: { orderBy: 'min_price DESC, id DESC', keyset: '(min_price, id) < ($K1::bigint, $K2::uuid)', key: (row) => row.min_price },
  newest: { orderBy: 'listed_at DESC, id DESC', keyset: '(listed_at, id) < ($K1::timestamptz, $K2::uuid)', key: (row) => row.listed_at_key },
  best_selling: { orderBy: 'units_sold DESC, id DESC', keyset: '(units_sold, id) < ($K1::int, $K2::uuid)', key: (row) => row.units_sold },
};

/**
 * Search over listed products: PostgreSQL full text (a weighted tsvector with a partial GIN index) for
 * matching and ranking, and pg_trgm over a dictionary of listed words for typo tolerance. Filters and
 * sorts are plain columns on products, so one query answers a page.
 */
@Injectable()
export class SearchService {
  constructor(private readonly dataSource: DataSource) {}

  async search(query: SearchQuery) {
    const tokens = queryWords(query.q);
    const sort: SearchSort = query.sort ?? (tokens.length > 0 ? 'relevance' : 'newest');
    const ordering = ORDERINGS[sort === 'relevance' && tokens.length === 0 ? 'newest' : sort];
    const limit = query.limit ?? 20;

    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = [`p.status = 'LISTED'`];
    let rank = 'NULL::real';
    let corrections = new Map<string, string>();
    if (tokens.length > 0) {
      corrections = await this.corrections(tokens);
      const tsQuery = `to_tsquery('english', ${param(tsQueryExpression(tokens, corrections))})`;
      where.push(`p.search_vector @@ ${tsQuery}`);
      rank = `ts_rank(p.search_vector, ${tsQuery})`;
    }
    if (query.categoryId) {
      where.push(`p.category_id IN (SELECT c.id FROM categories c WHERE c.path LIKE (SELECT root.path FROM categories root WHERE root.id = ${param(query.categoryId)}) || '%')`);
    }
    if (query.minPrice !== undefined) where.push(`p.min_price >= ${param(query.minPrice)}`);
    if (query.maxPrice !== undefined) where.push(`p.min_price <= ${param(query.maxPrice)}`);
    if (query.brand) where.push(`lower(p.brand) = lower(${param(query.brand)})`);
    if (query.minRating !== undefined) where.push(`p.rating_count > 0 AND p.rating_average >= ${param(query.minRating)}`);

    let keyset = 'true';
    if (query.cursor) {
      const [cursorSort, key, id] = decodeCursor(query.cursor, 3);
      if (cursorSort !== sort) decodeCursor('', 3);
      keyset = ordering.keyset.replace('$K1', param(key)).replace('$K2', param(id));
    }

    const rows: Row[] = await this.dataSource.query(
      `SELECT * FROM (
         SELECT p.id, p.merchant_id, p.title, p.brand, p.category_id, p.min_price, p.currency, p.images,
                p.rating_average, p.rating_count, p.units_sold, p.listed_at, p.listed_at::text AS listed_at_key,
                ${rank} AS rank
         FROM products p
         WHERE ${where.join(' AND ')}
       ) hits
       WHERE ${keyset}
       ORDER BY ${ordering.orderBy}
       LIMIT ${param(limit + 1)}`,
      params,
    );
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const corrected = [...corrections].filter(([token, correction]) => token !== correction);
    return {
      items: page.map(hitView),
      nextCursor: rows.length > limit && last ? encodeCursor([sort, ordering.key(last), last.id]) : null,
      sort,
      ...(corrected.length > 0 ? { corrections: Object.fromEntries(corrected) } : {}),
    };
  }

  /** The closest dictionary word to each query word (itself when it is one), by trigram similarity. */
  private async corrections(tokens: string[]): Promise<Map<string, string>> {
    const candidates = tokens.filter((token) => token.length >= 3);
    if (candidates.length === 0) return new Map();
    const rows: { token: string; correction: string | null }[] = await this.dataSource.query(
      `SELECT t.token,
              (SELECT s.term FROM search_terms s WHERE s.term % t.token ORDER BY similarity(s.term, t.token) DESC, s.term LIMIT 1) AS correction
       FROM unnest($1::text[]) AS t(token)`,
      [candidates],
    );
    return new Map(rows.filter((row) => row.correction).map((row) => [row.token, row.correction!]));
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
    ...(row.rank !== null ? { relevance: row.rank } : {}),
  };
}
