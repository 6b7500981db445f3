import { EntityManager } from 'typeorm';
import { dictionaryTerms } from './search-terms';

/**
 * Search-dictionary upkeep: the words of listed titles and brands feed the typo correction, so a
 * product's words join the dictionary when it goes on sale or a listed product's text changes.
 */
export async function addToSearchDictionary(
  manager: EntityManager,
  product: { title: string; brand: string | null },
): Promise<void> {
  const terms = dictionaryTerms(product.title, product.brand);
  if (terms.length > 0)
    await manager.query(`INSERT INTO search_terms (term) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [terms]);
}
