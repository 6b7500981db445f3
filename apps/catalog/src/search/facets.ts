/**
 * Facet counts for a search: how many of its results fall in each category (a category counts its whole
 * subtree, as the categoryId filter does), brand, price bucket and minimum rating. Counts are for the
 * query and every filter as given (so `brand=x` leaves one brand): each count is what the same search
 * with that facet value added as a filter would find.
 */

/** Price bucket edges in minor units: [0, 1000), [1000, 2500), ... [100000, ∞). */
export const PRICE_EDGES = [0, 1000, 2500, 5000, 10000, 25000, 50000, 100000];
/** minRating values offered, each counting products rated at least that (with one review or more). */
export const RATING_STEPS = [4, 3, 2, 1];
/** Brands beyond this many (the most frequent first) are left out. */
export const MAX_BRANDS = 20;

export interface Facets {
  total: number;
  categories: { id: string; name: string; parentId: string | null; count: number }[];
  brands: { brand: string; count: number }[];
  prices: { min: number; max: number | null; count: number }[];
  ratings: { minRating: number; count: number }[];
}

/** The `categoryId` filter: `column` is the category or one of its descendants (paths share the prefix). */
export function inCategorySubtree(column: string, categoryIdParam: string): string {
  return `${column} IN (SELECT sub.id FROM categories sub WHERE sub.path LIKE (SELECT root.path FROM categories root WHERE root.id = ${categoryIdParam}) || '%')`;
}

const EDGES_SQL = `ARRAY[${PRICE_EDGES.join(',')}]::bigint[]`;

/** What differs between counting products and counting cells; the shape of the answer is shared. */
interface FacetSources {
  /** The CTE `hits`: the rows counted. */
  hits: string;
  /** How many products a group of hits stands for: `count(*)` over products, `sum(n)` over cells. */
  count: string;
  /** Rows (brand, n): the top brands. */
  brands: string;
  /** Rows (bucket, n): the price buckets (1-based into PRICE_EDGES). */
  prices: string;
  /** The condition for "rated at least `step` stars". */
  rated: (step: number) => string;
}

/** One statement: the hits are read once (a materialised CTE) and grouped four ways. */
function facetsStatement(sources: FacetSources): string {
  const ratings = RATING_STEPS.map(
    (step) =>
      `json_build_object('minRating', ${step}, 'count', coalesce(${sources.count} FILTER (WHERE ${sources.rated(step)}), 0))`,
  ).join(', ');
  return `
    WITH hits AS MATERIALIZED (${sources.hits}),
    by_category AS (SELECT category_id, ${sources.count} AS n FROM hits GROUP BY category_id)
    SELECT json_build_object(
      'total', (SELECT coalesce(${sources.count}, 0)::int FROM hits),
      'categories', (
        SELECT coalesce(json_agg(json_build_object('id', a.id, 'name', a.name, 'parentId', a.parent_id, 'count', a.n) ORDER BY a.path), '[]')
        FROM (SELECT a.id, a.name, a.parent_id, a.path, sum(b.n)::int AS n
              FROM by_category b JOIN categories c ON c.id = b.category_id JOIN categories a ON c.path LIKE a.path || '%'
              GROUP BY a.id) a),
      'brands', (
        SELECT coalesce(json_agg(json_build_object('brand', brand, 'count', n) ORDER BY n DESC, brand), '[]')
        FROM (${sources.brands} ORDER BY n DESC, 1 LIMIT ${MAX_BRANDS}) b),
      'prices', (
        SELECT coalesce(json_agg(json_build_object('min', (${EDGES_SQL})[bucket], 'max', (${EDGES_SQL})[bucket + 1], 'count', n) ORDER BY bucket), '[]')
        FROM (${sources.prices}) b),
      'ratings', (SELECT json_build_array(${ratings}) FROM hits)
    ) AS facets`;
}

/** Counted from the matching products. `filters` is over `products p` and uses $1..$n. */
export function facetsQuery(filters: string): string {
  return facetsStatement({
    hits: `SELECT p.category_id, p.brand, p.min_price, p.rating_count, p.rating_average FROM products p WHERE ${filters}`,
    count: 'count(*)',
    brands: `SELECT min(brand) AS brand, count(*)::int AS n FROM hits WHERE brand IS NOT NULL GROUP BY lower(brand)`,
    prices: `SELECT width_bucket(min_price, ${EDGES_SQL}) AS bucket, count(*)::int AS n FROM hits WHERE min_price IS NOT NULL GROUP BY 1`,
    rated: (step) => `rating_count > 0 AND rating_average >= ${step}`,
  });
}

/**
 * The same counts from `search_facet_cells` (migration 1765100000000), for a search without words and
 * without a price range: each cell is a number of listed products, so no product row is read. `filters`
 * is over the cells (`c.category_id`, `c.brand_key`, `c.rating_floor`) and uses $1..$n. A brand is shown
 * as the spelling listed first in the suggestions (the products' own spelling when counted from them).
 */
export function cellFacetsQuery(filters: string): string {
  return facetsStatement({
    hits: `SELECT c.category_id, c.brand_key, c.price_bucket, c.rating_floor, c.n FROM search_facet_cells c WHERE c.n > 0 AND ${filters}`,
    count: 'sum(n)',
    brands: `SELECT coalesce((SELECT min(s.phrase) FROM search_suggestions s WHERE s.kind = 'brand' AND lower(s.phrase) = h.brand_key), h.brand_key) AS brand,
                    sum(h.n)::int AS n
             FROM hits h WHERE h.brand_key <> '' GROUP BY h.brand_key`,
    prices: `SELECT price_bucket AS bucket, sum(n)::int AS n FROM hits WHERE price_bucket > 0 GROUP BY 1`,
    rated: (step) => `rating_floor >= ${step}`,
  });
}
