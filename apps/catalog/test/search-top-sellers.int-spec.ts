import { integrationSuite } from '@emporium/testing';
import { Client } from 'pg';
import request from 'supertest';
import { ADJECTIVES, NOUNS, seedCatalogue } from '../bench/catalogue';
import { TopSellerTierRefresh } from '../src/search/top-seller-tier.job';
import { catalogRecipe } from './catalog.recipe';

/**
 * The top sellers' tier of the search index (migration 1765400000000): relevance takes its candidates from
 * it when it holds a full window of matches. A window of 20 and a tier of half the catalogue let 3,000
 * products exercise both paths; the refresh job is started by hand (its timer is an hour).
 */
const PRODUCTS = 3000;
const WINDOW = 20;

const setup = {
  services: {
    catalog: {
      recipe: catalogRecipe,
      env: {
        CATALOG_SEARCH_FACET_CACHE_SECONDS: '0',
        CATALOG_SEARCH_RELEVANCE_CANDIDATES: String(WINDOW),
        CATALOG_SEARCH_TOP_SELLERS_PERCENT: '50',
        CATALOG_SEARCH_TOP_SELLERS_REFRESH_SECONDS: '3600',
      },
    },
  },
};

integrationSuite('search: the top sellers tier (real PostgreSQL)', setup, ({ catalog, run }) => {
  let db: Client;

  beforeAll(async () => {
    db = new Client({ connectionString: run.databaseUrl('catalog') });
    await db.connect();
    await seedCatalogue(db, PRODUCTS);
    // Distinct sales, so "the 20 best-selling matches" is one set whichever index finds it.
    await db.query(`UPDATE products p SET units_sold = r.n
                    FROM (SELECT id, row_number() OVER (ORDER BY units_sold, id)::int AS n FROM products) r
                    WHERE p.id = r.id`);
  });

  afterAll(async () => {
    await db?.end();
  });

  const refresh = () => catalog.app.get(TopSellerTierRefresh).refresh();
  const ids = async (q: string) =>
    (await request(catalog.url).get('/search').query({ q, limit: WINDOW }).expect(200)).body.items.map(
      (item: { id: string }) => item.id,
    );
  /** Every flagged listed product outsells every listed product that is not flagged. */
  const expectTierExact = async () => {
    const { rows } = await db.query(`SELECT
        (SELECT min(units_sold) FROM products WHERE status = 'LISTED' AND search_top_seller) AS tier_min,
        (SELECT max(units_sold) FROM products WHERE status = 'LISTED' AND NOT search_top_seller) AS rest_max,
        (SELECT units_sold FROM search_top_seller_threshold) AS threshold`);
    expect(rows[0].tier_min).toBeGreaterThan(rows[0].rest_max);
    expect(rows[0].tier_min).toBeGreaterThanOrEqual(rows[0].threshold);
    return rows[0] as { tier_min: number; rest_max: number; threshold: number };
  };
  const inTier = async (q: string) =>
    Number(
      (
        await db.query(
          `SELECT count(*) AS n FROM products WHERE status = 'LISTED' AND search_top_seller
           AND search_vector @@ plainto_tsquery('english', $1)`,
          [q],
        )
      ).rows[0].n,
    );

  it('flags the best-selling share of listed products as the threshold falls and rises: every one outsells every other', async () => {
    const flagged = async () =>
      Number(
        (await db.query(`SELECT count(*) AS n FROM products WHERE status = 'LISTED' AND search_top_seller`)).rows[0].n,
      );
    await refresh(); // from the seed's 5 % to 50 %: the threshold falls
    expect(await flagged()).toBe(PRODUCTS / 2);
    await expectTierExact();
    await db.query(`SELECT search_top_sellers_refresh(0.1)`); // it rises
    expect(await flagged()).toBe(PRODUCTS / 10);
    await expectTierExact();
    await refresh();
    expect(await flagged()).toBe(PRODUCTS / 2);
    await expectTierExact();
  });

  it('gives a broad word the same page from the tier as from the whole index, and a narrow one falls back', async () => {
    await refresh();
    const queries = [...NOUNS, ...ADJECTIVES.slice(0, 5).map((adjective, i) => `${adjective} ${NOUNS[i]}`)];
    const fromTier = new Map<string, string[]>();
    for (const q of queries) fromTier.set(q, await ids(q));
    const answeredByTier = [];
    for (const q of queries) if ((await inTier(q)) >= WINDOW) answeredByTier.push(q);
    // Both paths are exercised: broad nouns fill the window from the tier, two-word queries do not.
    expect(answeredByTier.length).toBeGreaterThan(10);
    expect(queries.length - answeredByTier.length).toBeGreaterThan(3);

    // The whole index only: the tier emptied (by hand; the trigger and the refresh never do this).
    await db.query(`UPDATE products SET search_top_seller = false`);
    for (const q of queries) expect([q, await ids(q)]).toEqual([q, fromTier.get(q)]);
    // The repair after such an incident: without a stored threshold, the next refresh re-flags everything.
    await db.query(`UPDATE search_top_seller_threshold SET units_sold = NULL`);
    await refresh();
    await expectTierExact();
  });

  it('lets a product that sells past the threshold into the tier at once, so its word finds it', async () => {
    await refresh();
    const word = NOUNS[0];
    const { rows } = await db.query(
      `SELECT id FROM products WHERE status = 'LISTED' AND NOT search_top_seller
       AND search_vector @@ plainto_tsquery('english', $1) ORDER BY units_sold LIMIT 1`,
      [word],
    );
    const riser = rows[0].id as string;
    expect(await inTier(word)).toBeGreaterThanOrEqual(WINDOW);
    expect(await ids(word)).not.toContain(riser);

    // What the sales read model does when orders complete.
    await db.query(`UPDATE products SET units_sold = units_sold + 100000 WHERE id = $1`, [riser]);
    expect((await db.query(`SELECT search_top_seller FROM products WHERE id = $1`, [riser])).rows[0]).toEqual({
      search_top_seller: true,
    });
    expect(await ids(word)).toContain(riser);
    await expectTierExact();
  });

  it("skips a replica's timed refresh when any replica refreshed within the interval, and refreshes once it is due", async () => {
    const job = catalog.app.get(TopSellerTierRefresh);
    const refreshedAt = async () =>
      (await db.query(`SELECT refreshed_at::text AS at FROM search_top_seller_threshold`)).rows[0].at as string;
    await refresh();
    const fresh = await refreshedAt();
    await job.refreshIfDue(); // another replica's timer, minutes later (the interval is an hour)
    expect(await refreshedAt()).toBe(fresh);
    // 50 minutes on, inside nine tenths of the hour (54 minutes): still skipped.
    await db.query(`UPDATE search_top_seller_threshold SET refreshed_at = now() - interval '50 minutes'`);
    const recent = await refreshedAt();
    await job.refreshIfDue();
    expect(await refreshedAt()).toBe(recent);
    await db.query(`UPDATE search_top_seller_threshold SET refreshed_at = now() - interval '55 minutes'`);
    const due = await refreshedAt();
    await job.refreshIfDue();
    expect(await refreshedAt()).not.toBe(due);
    await expectTierExact();
  });

  it('holds off a writer while a refresh moves the threshold, so the writer flags by the new one', async () => {
    await refresh();
    const refresher = new Client({ connectionString: run.databaseUrl('catalog') });
    await refresher.connect();
    try {
      // A refresh to 90 % of the catalogue lowers the threshold, and is not committed yet.
      await refresher.query('BEGIN');
      const lowered = (await refresher.query(`SELECT search_top_sellers_refresh(0.9) AS t`)).rows[0].t as number;
      // A product below both thresholds sells to the new one: in the tier by the new threshold, out by the old.
      const { rows } = await db.query(
        `SELECT id FROM products WHERE status = 'LISTED' AND units_sold < $1 ORDER BY units_sold LIMIT 1`,
        [lowered],
      );
      const product = rows[0].id as string;
      let written = false;
      const sale = db
        .query(`UPDATE products SET units_sold = $2 WHERE id = $1`, [product, lowered])
        .then(() => (written = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(written).toBe(false); // its trigger waits to read the threshold
      await refresher.query('COMMIT');
      await sale;
      expect((await db.query(`SELECT search_top_seller FROM products WHERE id = $1`, [product])).rows[0]).toEqual({
        search_top_seller: true,
      });
      await expectTierExact();
    } finally {
      await refresher.end();
    }
    await refresh();
  });
});
