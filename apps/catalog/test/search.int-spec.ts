import { OrderCompleted, ReviewPublished, Topics } from '@emporium/contracts';
import { eventMessage, eventually, integrationSuite, publishRaw } from '@emporium/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { catalogRecipe } from './catalog.recipe';
import { approveMerchant, createCategory, listedProduct, merchantToken, productBody, sku } from './fixtures';

/** Request and response bodies, deliberately untyped: the tests send malformed ones on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const setup = { services: { catalog: catalogRecipe } };

integrationSuite('catalog search (real PostgreSQL and Kafka)', setup, ({ catalog, run, topic }) => {
  const merchant = merchantToken();
  const products: Json = {};
  const categories: Record<string, string> = {};

  beforeAll(async () => {
    await approveMerchant(run, catalog, merchant.merchantId);
    categories.electronics = await createCategory(catalog, 'Electronics');
    categories.audio = await createCategory(catalog, 'Audio', categories.electronics);
    categories.headphones = await createCategory(catalog, 'Headphones', categories.audio);
    categories.apparel = await createCategory(catalog, 'Apparel');
    const add = async (
      key: string,
      title: string,
      brand: string,
      categoryId: string,
      price: number,
      description = '',
    ) => {
      products[key] = await listedProduct(
        catalog,
        merchant.token,
        productBody(categoryId, { title, brand, description, attributes: {}, skus: [sku({ price })] }),
      );
    };
    await add(
      'wireless',
      'Wireless noise cancelling headphones',
      'Sonora',
      categories.headphones,
      19900,
      'Thirty hours of battery.',
    );
    await add('wired', 'Wired studio headphones', 'Acoustix', categories.headphones, 8900, 'Flat response for mixing.');
    await add(
      'speaker',
      'Portable bluetooth speaker',
      'Sonora',
      categories.audio,
      4900,
      'Waterproof, pairs with headphones too.',
    );
    await add('shirt', 'Organic cotton T-shirt', 'Green Threads', categories.apparel, 1999);
  });

  const search = async (query: object) => (await request(catalog.url).get('/search').query(query).expect(200)).body;
  const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);

  it('finds listed products by title, brand and description, best matches first', async () => {
    const result = await search({ q: 'headphones' });
    expect(result.sort).toBe('relevance');
    // Title matches (weight A) outrank the description match (weight C).
    expect(ids(result).slice(0, 2).sort()).toEqual([products.wireless.id, products.wired.id].sort());
    expect(ids(result)[2]).toBe(products.speaker.id);
    expect(ids(await search({ q: 'sonora' })).sort()).toEqual([products.wireless.id, products.speaker.id].sort());
    expect(ids(await search({ q: 'waterproof' }))).toEqual([products.speaker.id]);
    expect(result.items[0]).toMatchObject({
      title: expect.any(String),
      price: { currency: 'EUR' },
      image: { url: expect.any(String) },
      relevance: expect.any(Number),
    });
  });

  it('tolerates a one-letter typo, and says what it corrected', async () => {
    const typo = await search({ q: 'hedphones' });
    expect(ids(typo)).toEqual(expect.arrayContaining([products.wireless.id, products.wired.id]));
    expect(typo.corrections).toEqual({ hedphones: 'headphones' });
    expect(ids(await search({ q: 'wireles headphomes' }))).toEqual([products.wireless.id]);
    expect(ids(await search({ q: 'organc' }))).toEqual([products.shirt.id]);
    // Prefixes match as you type.
    expect(ids(await search({ q: 'blueto' }))).toEqual([products.speaker.id]);
    expect((await search({ q: 'zzqxv' })).items).toEqual([]);
  });

  it('filters by category subtree, price range and brand', async () => {
    expect(ids(await search({ categoryId: categories.audio })).sort()).toEqual(
      [products.wireless.id, products.wired.id, products.speaker.id].sort(),
    );
    expect(ids(await search({ categoryId: categories.headphones, q: 'headphones' })).sort()).toEqual(
      [products.wireless.id, products.wired.id].sort(),
    );
    expect(ids(await search({ minPrice: 4000, maxPrice: 10000 })).sort()).toEqual(
      [products.wired.id, products.speaker.id].sort(),
    );
    expect(ids(await search({ brand: 'SONORA' })).sort()).toEqual([products.wireless.id, products.speaker.id].sort());
  });

  it('sorts by price and newest', async () => {
    expect(ids(await search({ sort: 'price_asc' }))).toEqual([
      products.shirt.id,
      products.speaker.id,
      products.wired.id,
      products.wireless.id,
    ]);
    expect(ids(await search({ sort: 'price_desc' }))).toEqual([
      products.wireless.id,
      products.wired.id,
      products.speaker.id,
      products.shirt.id,
    ]);
    expect(ids(await search({}))).toEqual([
      products.shirt.id,
      products.speaker.id,
      products.wired.id,
      products.wireless.id,
    ]);
  });

  it('filters by minimum rating and sorts best-selling, from review and completed-order events', async () => {
    const review = (productId: string, rating: number) =>
      eventMessage(ReviewPublished, {
        reviewId: randomUUID(),
        productId,
        merchantId: merchant.merchantId,
        customerId: randomUUID(),
        rating,
        publishedAt: new Date().toISOString(),
      });
    const duplicate = review(products.wired.id, 1);
    await publishRaw(topic(Topics.customerServiceReview), [
      review(products.speaker.id, 5),
      review(products.speaker.id, 4),
      review(products.wired.id, 3),
      duplicate,
      duplicate,
    ]);
    const sale = (code: string, quantity: number) =>
      eventMessage(OrderCompleted, {
        orderId: randomUUID(),
        customerId: randomUUID(),
        currency: 'EUR',
        lines: [{ sku: code, merchantId: merchant.merchantId, quantity, unitPrice: 100, lineTotal: 100 * quantity }],
        totalAmount: 100 * quantity,
        completedAt: new Date().toISOString(),
      });
    await publishRaw(topic(Topics.ordersOrder), [
      sale(products.wired.skus[0].sku, 5),
      sale(products.shirt.skus[0].sku, 2),
      sale(products.wired.skus[0].sku, 1),
    ]);

    await eventually(
      async () => (await search({ sort: 'best_selling' })).items[0]?.unitsSold === 6,
      20_000,
      'sales to be counted',
    );
    const rated = await eventually(
      async () => {
        const body = await search({ minRating: 2 });
        return body.items.length === 2 ? body : undefined;
      },
      20_000,
      'ratings to be counted',
    );
    expect(ids(rated).sort()).toEqual([products.speaker.id, products.wired.id].sort());
    expect(ids(await search({ minRating: 4 }))).toEqual([products.speaker.id]);
    const product = await request(catalog.url).get(`/products/${products.wired.id}`).expect(200);
    // The duplicate delivery counted once: (3 + 1) / 2.
    expect(product.body.rating).toEqual({ average: 2, count: 2 });
    expect(ids(await search({ sort: 'best_selling' })).slice(0, 2)).toEqual([products.wired.id, products.shirt.id]);
  });

  it.each(['newest', 'price_asc', 'price_desc', 'best_selling', 'relevance'])(
    'pages with a cursor (%s) without gaps or repeats',
    async (sort) => {
      const query = sort === 'relevance' ? { q: 'headphones', sort } : { sort };
      const all = ids(await search({ ...query, limit: 100 }));
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { id: string }[]; nextCursor: string | null } = await search({
          ...query,
          limit: 1,
          ...(cursor ? { cursor } : {}),
        });
        seen.push(...ids(page));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all);
    },
  );

  it('finds a newly listed word as typed at once, while the correction looked up before it was listed is still reused', async () => {
    // The first search caches this word's correction (CATALOG_SEARCH_CORRECTION_CACHE_SECONDS): the
    // dictionary does not hold it yet.
    expect(ids(await search({ q: 'zephyrine' }))).toEqual([]);
    const lamp = await listedProduct(
      catalog,
      merchant.token,
      productBody(categories.electronics, {
        title: 'Zephyrine desk lamp',
        brand: 'Lumo',
        attributes: {},
        skus: [sku()],
      }),
    );
    expect(ids(await search({ q: 'zephyrine' }))).toEqual([lamp.id]);
  });

  it('drops a delisted product from search', async () => {
    await request(catalog.url)
      .post(`/products/${products.shirt.id}/delist`)
      .set('Authorization', merchant.token)
      .send({ reason: 'sold out for the season' })
      .expect(200);
    expect(ids(await search({ q: 'organic' }))).toEqual([]);
  });

  it('answers bad search input with a 400 naming the field', async () => {
    for (const [query, field] of [
      [{ sort: 'cheapest' }, 'sort'],
      [{ minRating: 6 }, 'minRating'],
      [{ minPrice: -1 }, 'minPrice'],
      [{ categoryId: 'abc' }, 'categoryId'],
      [{ cursor: 'not-a-cursor' }, 'cursor'],
      [{ colour: 'red' }, 'colour'],
    ] as const) {
      const response = await request(catalog.url).get('/search').query(query).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });
});
