/**
 * The bench catalogue: a deterministic generator of listed products (the same seed gives the same
 * titles, brands, categories and descriptions), used by `npm run bench:search` at up to millions of
 * products and by the relevance test at a few thousand. Products are written with SQL, as the listing
 * workflow leaves them (status LISTED, the search vector, the typo dictionary, brand suggestions).
 */
import { Client } from 'pg';

export const BRANDS = [
  'Sonora',
  'Acoustix',
  'Nordlicht',
  'Green Threads',
  'Kettle & Co',
  'Alpenglow',
  'Bricktown',
  'Lumen',
  'Fjordline',
  'Terracotta',
  'Vantage',
  'Pinecrest',
  'Orbital',
  'Harbor',
  'Quillon',
  'Saffron',
  'Basalt',
  'Moss & Stone',
  'Tidewater',
  'Copperleaf',
  'Ironbark',
  'Solstice',
  'Brightwell',
  'Cobalt',
  'Driftwood',
  'Ember',
  'Foxglove',
  'Granite',
  'Hollow Oak',
  'Juniper',
];
export const ADJECTIVES = [
  'wireless',
  'portable',
  'organic',
  'waterproof',
  'lightweight',
  'ergonomic',
  'vintage',
  'compact',
  'premium',
  'classic',
  'rechargeable',
  'adjustable',
  'foldable',
  'insulated',
  'handmade',
  'stainless',
  'bamboo',
  'leather',
  'cotton',
  'ceramic',
  'smart',
  'solar',
  'magnetic',
  'modular',
  'heated',
  'cordless',
  'acoustic',
  'digital',
  'natural',
  'recycled',
];
export const COLOURS = ['black', 'white', 'red', 'navy', 'olive', 'sand', 'grey', 'teal', 'mustard', 'burgundy'];
export const FEATURES = [
  'long battery life',
  'fast charging',
  'machine washable',
  'two year warranty',
  'fair trade',
  'noise cancelling',
  'dishwasher safe',
  'travel friendly',
  'water resistant',
  'low energy',
];

/** Top category → middle category → leaf category → the nouns sold in that leaf. */
export const CATEGORY_TREE: Record<string, Record<string, Record<string, string[]>>> = {
  Electronics: {
    Audio: { Headphones: ['headphones', 'earbuds'], Speakers: ['speaker', 'microphone'] },
    Computing: { Peripherals: ['keyboard', 'monitor', 'printer'], Networking: ['router'], Tablets: ['tablet'] },
    Photo: { Cameras: ['camera'], Tripods: ['tripod'], Power: ['charger'] },
  },
  Home: {
    Kitchen: {
      Kettles: ['kettle', 'teapot', 'thermos'],
      Appliances: ['blender', 'toaster', 'grinder'],
      Cookware: ['skillet'],
    },
    Decor: { Lighting: ['lamp', 'candle'], Vases: ['vase', 'planter'] },
    Bedroom: { Bedding: ['blanket', 'pillow', 'mattress'], Furniture: ['chair'] },
  },
  Fashion: {
    Clothing: { Outerwear: ['jacket', 'hoodie'], Knitwear: ['scarf'] },
    Footwear: { Trainers: ['sneakers'] },
    Accessories: {
      Wallets: ['wallet'],
      Eyewear: ['sunglasses'],
      Watches: ['watch'],
      Rainwear: ['umbrella'],
      Bags: ['backpack'],
    },
  },
  Outdoors: {
    Camping: { Tents: ['tent'] },
    Cycling: { Bikes: ['bicycle'], Safety: ['helmet'] },
  },
  Office: {
    Stationery: { Notebooks: ['notebook'] },
  },
};

export const NOUNS = Object.values(CATEGORY_TREE).flatMap((mids) =>
  Object.values(mids).flatMap((leaves) => Object.values(leaves).flat()),
);

export interface SeededCatalogue {
  products: number;
  terms: number;
  seconds: number;
  /** Top-level category name → id. */
  topCategories: Record<string, string>;
}

/**
 * Seeds `products` listed products in batches, calling `progress` after each. The RUM index is dropped
 * for the bulk load and built once at the end (far faster than a million index insertions).
 */
export async function seedCatalogue(
  client: Client,
  products: number,
  progress: (line: string) => void = () => undefined,
): Promise<SeededCatalogue> {
  const started = performance.now();
  await client.query(`SELECT setseed(0.42)`);
  const topCategories: Record<string, string> = {};
  const nounLeaf: Record<string, string> = {};
  for (const [top, mids] of Object.entries(CATEGORY_TREE)) {
    const topRow = (
      await client.query(
        `INSERT INTO categories (id, parent_id, name, path) SELECT id, NULL, $1, '/' || id || '/' FROM (SELECT gen_random_uuid() AS id) t RETURNING id, path`,
        [top],
      )
    ).rows[0];
    topCategories[top] = topRow.id;
    for (const [mid, leaves] of Object.entries(mids)) {
      const midRow = (
        await client.query(
          `INSERT INTO categories (id, parent_id, name, path) SELECT id, $2, $1, $3 || id || '/' FROM (SELECT gen_random_uuid() AS id) t RETURNING id, path`,
          [mid, topRow.id, topRow.path],
        )
      ).rows[0];
      for (const [leaf, nouns] of Object.entries(leaves)) {
        const leafRow = (
          await client.query(
            `INSERT INTO categories (id, parent_id, name, path) SELECT id, $2, $1, $3 || id || '/' FROM (SELECT gen_random_uuid() AS id) t RETURNING id`,
            [leaf, midRow.id, midRow.path],
          )
        ).rows[0];
        for (const noun of nouns) nounLeaf[noun] = leafRow.id;
      }
    }
  }

  // The RUM indexes (all products, top sellers) are built once after the load, not row by row.
  const indexes = (
    await client.query(`SELECT indexname, indexdef FROM pg_indexes WHERE indexname LIKE 'products\\_search\\_rum%'`)
  ).rows as { indexname: string; indexdef: string }[];
  for (const index of indexes) await client.query(`DROP INDEX ${index.indexname}`);

  // The facet cells are counted once after the load: a per-row upsert a million times costs more.
  await client.query(`ALTER TABLE products DISABLE TRIGGER search_facet_cells_on_insert_delete`);
  try {
    const merchants = (await client.query(`SELECT array_agg(gen_random_uuid()) AS ids FROM generate_series(1, 200)`))
      .rows[0].ids;
    const batch = 50_000;
    for (let done = 0; done < products; done += batch) {
      const size = Math.min(batch, products - done);
      // A third of the descriptions also mention an accessory (another noun): such products match that
      // noun too, but less well than products named after it (the relevance set checks the order).
      await client.query(
        `INSERT INTO products (id, merchant_id, title, description, brand, category_id, attributes, images, status, min_price, currency,
                               rating_count, rating_sum, rating_average, units_sold, listed_at, created_at)
         SELECT gen_random_uuid(), ($7::uuid[])[1 + floor(r1 * 200)::int],
                initcap(adj) || ' ' || colour || ' ' || noun || ' ' || (1 + floor(r2 * 900))::int,
                'A ' || adj || ' ' || noun || ' with ' || feature || '. ' || initcap(feature2) || ', made by ' || brand || '.'
                  || CASE WHEN r3 < 0.33 THEN ' Pairs well with a ' || accessory || '.' ELSE '' END,
                brand, ($8::jsonb ->> noun)::uuid, '{}'::jsonb,
                jsonb_build_array(jsonb_build_object('url', 'https://img.example/' || i || '.jpg', 'altText', noun, 'main', true)),
                'LISTED', 500 + floor(r4 * 30000)::int * 10, 'EUR',
                rating_count, rating_sum, CASE WHEN rating_count = 0 THEN 0 ELSE rating_sum::real / rating_count END, floor(r6 * r7 * 5000)::int,
                now() - r8 * interval '365 days', now() - interval '366 days'
         FROM (
           SELECT i,
                  ($1::text[])[1 + floor(random() * array_length($1::text[], 1))::int] AS adj,
                  ($2::text[])[1 + floor(random() * array_length($2::text[], 1))::int] AS noun,
                  ($2::text[])[1 + floor(random() * array_length($2::text[], 1))::int] AS accessory,
                  ($3::text[])[1 + floor(random() * array_length($3::text[], 1))::int] AS colour,
                  ($4::text[])[1 + floor(random() * array_length($4::text[], 1))::int] AS brand,
                  ($5::text[])[1 + floor(random() * array_length($5::text[], 1))::int] AS feature,
                  ($5::text[])[1 + floor(random() * array_length($5::text[], 1))::int] AS feature2,
                  rating_count, round(rating_count * (1 + r5 * 4))::int AS rating_sum,
                  random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r6, random() AS r7, random() AS r8
           FROM (SELECT i, floor(random() * 60)::int AS rating_count, random() AS r5 FROM generate_series($6::int + 1, $6::int + $9::int) i) n
         ) g`,
        [ADJECTIVES, NOUNS, COLOURS, BRANDS, FEATURES, done, merchants, JSON.stringify(nounLeaf), size],
      );
      progress(
        `seeded ${(done + size).toLocaleString('en')} / ${products.toLocaleString('en')} products (${((performance.now() - started) / 1000).toFixed(0)} s)`,
      );
    }
  } finally {
    await client.query(`ALTER TABLE products ENABLE TRIGGER search_facet_cells_on_insert_delete`);
  }
  progress('counting the facet cells');
  await client.query(`SELECT search_facet_cells_recount()`);
  progress('flagging the top sellers (5 %)');
  await client.query(`SELECT search_top_sellers_refresh(0.05)`);
  // The typo dictionary, as listing fills it: the words of titles and brands.
  await client.query(
    `INSERT INTO search_terms (term)
     SELECT DISTINCT w FROM products, regexp_split_to_table(lower(title || ' ' || brand), '[^[:alnum:]]+') w
     WHERE length(w) >= 3 AND w !~ '^[0-9]+$' ON CONFLICT DO NOTHING`,
  );
  await client.query(`SET maintenance_work_mem = '512MB'`);
  for (const index of indexes) {
    progress(`building ${index.indexname}`);
    await client.query(index.indexdef);
  }
  progress('vacuum analyze');
  await client.query(`VACUUM ANALYZE products`);
  await client.query(`ANALYZE search_terms`);
  const terms = (await client.query(`SELECT count(*)::int AS n FROM search_terms`)).rows[0].n;
  return { products, terms, seconds: (performance.now() - started) / 1000, topCategories };
}

/** The top-level categories of an already seeded catalogue. */
export async function topCategories(client: Client): Promise<Record<string, string>> {
  const rows = (await client.query(`SELECT id, name FROM categories WHERE parent_id IS NULL`)).rows;
  return Object.fromEntries(rows.map((row) => [row.name, row.id]));
}
