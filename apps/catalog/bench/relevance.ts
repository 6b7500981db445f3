/**
 * Labelled queries over the bench catalogue (bench/catalogue.ts) and the measures of how good their top
 * ten results are. A product's grade for a query follows from the words the query means (`intent`, the
 * corrected or singular form) and where the product has them:
 *   2  every intent word in its title or brand (for a category query: in its category path)
 *   1  every intent word somewhere: title, brand, category path or description
 *   0  otherwise.
 * recall@10 = fully relevant (grade 2) products in the top ten / min(10, how many the catalogue has);
 * NDCG@10 with gains 2^grade - 1 against the ideal order of the catalogue's best ten.
 */
import { Client } from 'pg';

export type QueryKind =
  'single word' | 'plural' | 'two words' | 'brand + noun' | 'typo' | 'transposition' | 'category word';

export interface LabelledQuery {
  q: string;
  kind: QueryKind;
  intent: string[];
  field?: 'category';
}

const label = (kind: QueryKind, entries: [string, string?][], field?: 'category'): LabelledQuery[] =>
  entries.map(([q, intent]) => ({ q, kind, intent: (intent ?? q).split(' '), ...(field ? { field } : {}) }));

export const RELEVANCE_QUERIES: LabelledQuery[] = [
  ...label('single word', [
    ['headphones'],
    ['kettle'],
    ['backpack'],
    ['tripod'],
    ['umbrella'],
    ['mattress'],
    ['router'],
    ['sunglasses'],
  ]),
  ...label('plural', [
    ['kettles', 'kettle'],
    ['lamps', 'lamp'],
    ['speakers', 'speaker'],
    ['chairs', 'chair'],
    ['tents', 'tent'],
    ['blankets', 'blanket'],
    ['cameras', 'camera'],
  ]),
  ...label('two words', [
    ['wireless headphones'],
    ['organic blanket'],
    ['leather wallet'],
    ['ceramic teapot'],
    ['foldable chair'],
    ['insulated thermos'],
    ['waterproof jacket'],
    ['stainless skillet'],
    ['navy hoodie'],
    ['teal kettle'],
    ['red bicycle'],
  ]),
  ...label('brand + noun', [
    ['sonora headphones'],
    ['lumen lamp'],
    ['harbor backpack'],
    ['green threads hoodie'],
    ['basalt skillet'],
    ['juniper candle'],
    ['cobalt helmet'],
  ]),
  ...label('typo', [
    ['hedphones', 'headphones'],
    ['keybord', 'keyboard'],
    ['microphne', 'microphone'],
    ['sunglases', 'sunglasses'],
    ['backpak', 'backpack'],
    ['umbrela', 'umbrella'],
    ['skilet', 'skillet'],
    ['mattres', 'mattress'],
  ]),
  ...label('transposition', [
    ['haedphones', 'headphones'],
    ['kettel', 'kettle'],
    ['balnket', 'blanket'],
    ['toatser', 'toaster'],
    ['cmaera', 'camera'],
    ['wlalet', 'wallet'],
  ]),
  ...label('category word', [['audio'], ['kitchen'], ['outerwear'], ['cycling'], ['eyewear']], 'category'),
];

interface Judged {
  title: string;
  brand: string | null;
  search_category: string;
  description: string;
}

const wordsOf = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);

export function grade(query: LabelledQuery, product: Judged): number {
  const strong = wordsOf(
    query.field === 'category' ? product.search_category : `${product.title} ${product.brand ?? ''}`,
  );
  if (query.intent.every((word) => strong.has(word))) return 2;
  const anywhere = wordsOf(`${product.title} ${product.brand ?? ''} ${product.search_category} ${product.description}`);
  return query.intent.every((word) => anywhere.has(word)) ? 1 : 0;
}

const gain = (g: number) => 2 ** g - 1;
const discount = (rank: number) => 1 / Math.log2(rank + 2);

export interface RelevanceFigures {
  recall: number;
  ndcg: number;
  queries: number;
}

/**
 * Runs every labelled query through `search` (returns the ids of the top ten) and judges the results
 * against the catalogue in `client`'s database.
 */
export async function evaluateRelevance(
  client: Client,
  search: (q: string) => Promise<string[]>,
  queries: LabelledQuery[] = RELEVANCE_QUERIES,
): Promise<
  RelevanceFigures & {
    byKind: Map<QueryKind, RelevanceFigures>;
    perQuery: { q: string; recall: number; ndcg: number }[];
  }
> {
  const perQuery: { q: string; kind: QueryKind; recall: number; ndcg: number }[] = [];
  for (const query of queries) {
    const ids = (await search(query.q)).slice(0, 10);
    const rows: (Judged & { id: string })[] = ids.length
      ? (
          await client.query(
            `SELECT id, title, brand, search_category, description FROM products WHERE id = ANY($1::uuid[])`,
            [ids],
          )
        ).rows
      : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    const grades = ids.map((id) => (byId.has(id) ? grade(query, byId.get(id)!) : 0));
    const { best, strong } = await idealGrades(client, query);
    const dcg = grades.reduce((sum, g, rank) => sum + gain(g) * discount(rank), 0);
    const idcg = best.reduce((sum, g, rank) => sum + gain(g) * discount(rank), 0);
    perQuery.push({
      q: query.q,
      kind: query.kind,
      recall: strong === 0 ? 1 : grades.filter((g) => g === 2).length / Math.min(10, strong),
      ndcg: idcg === 0 ? 1 : dcg / idcg,
    });
  }
  const mean = (list: { recall: number; ndcg: number }[]) => ({
    recall: list.reduce((sum, item) => sum + item.recall, 0) / list.length,
    ndcg: list.reduce((sum, item) => sum + item.ndcg, 0) / list.length,
    queries: list.length,
  });
  const byKind = new Map<QueryKind, RelevanceFigures>();
  for (const kind of [...new Set(perQuery.map((item) => item.kind))])
    byKind.set(kind, mean(perQuery.filter((item) => item.kind === kind)));
  return { ...mean(perQuery), byKind, perQuery };
}

/** The grades of the catalogue's best ten products for the query (found with word regexes, not the search). */
async function idealGrades(client: Client, query: LabelledQuery): Promise<{ best: number[]; strong: number }> {
  const all = (column: string) =>
    query.intent.map((_, i) => `${column} ~* ('\\m' || $${i + 1} || '\\M')`).join(' AND ');
  const strongText = query.field === 'category' ? 'search_category' : `(title || ' ' || coalesce(brand, ''))`;
  const anyText = `(title || ' ' || coalesce(brand, '') || ' ' || search_category || ' ' || description)`;
  const count = async (condition: string) =>
    Number(
      (
        await client.query(
          `SELECT count(*) AS n FROM (SELECT 1 FROM products WHERE status = 'LISTED' AND ${condition} LIMIT 10) t`,
          query.intent,
        )
      ).rows[0].n,
    );
  const strong = await count(all(strongText));
  const some = strong >= 10 ? 10 : await count(all(anyText));
  return { best: [...Array(strong).fill(2), ...Array(Math.max(0, some - strong)).fill(1)].slice(0, 10), strong };
}
