import { Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { namedStatementPool } from './named-statements';
import { words } from './search-terms';
import { closestTermSql, startsWithSql } from './typos';

export type SuggestionKind = 'category' | 'brand' | 'term';

export interface Suggestion {
  text: string;
  kind: SuggestionKind;
  categoryId?: string;
  /** True when the suggestion corrects a typo rather than completing what was typed. */
  corrected: boolean;
}

/**
 * $1 the phrase typed, $2 its last word, $3 how many rows at most, $4 how many of each kind. Every prefix is
 * a range the btrees serve whatever its value, so one generic plan suits every request (named-statements.ts).
 */
const SUGGEST_SQL = `
  (SELECT kind, phrase AS text, ref, false AS corrected FROM search_suggestions
   WHERE ${startsWithSql('lower(phrase)', '$1')} ORDER BY length(phrase), phrase LIMIT $4)
  UNION ALL
  (SELECT 'term', term, NULL, false FROM search_terms WHERE ${startsWithSql('term', '$2')} ORDER BY length(term), term LIMIT $4)
  UNION ALL
  (SELECT kind, phrase, ref, true FROM search_suggestions
   WHERE lower(phrase) % $1 AND NOT ${startsWithSql('lower(phrase)', '$1')} ORDER BY similarity(lower(phrase), $1) DESC, phrase LIMIT 3)
  UNION ALL
  (SELECT 'term', t.correction, NULL, true FROM (SELECT ${closestTermSql('$2::text')} AS correction) t
   WHERE t.correction IS NOT NULL AND NOT starts_with(t.correction, $2)
     AND NOT EXISTS (SELECT 1 FROM search_terms WHERE ${startsWithSql('term', '$2')}))
  LIMIT $3`;

const KIND_ORDER: Record<SuggestionKind, number> = { category: 0, brand: 1, term: 2 };

/**
 * Suggestions as a shopper types: categories and brands whose name starts with what was typed, and the
 * words of listed titles that complete the last word ("wireless head" → "wireless headphones"). When
 * nothing starts that way, the closest word, brand or category by trigram or edit distance ("hedph",
 * "sonroa"). Every lookup reads a small table (a row per word, brand or category), never products.
 */
@Injectable()
export class SuggestService {
  private readonly pool: Pool;

  /** Suggestions run as one named prepared statement, planned once per connection (named-statements.ts). */
  constructor(dataSource: DataSource) {
    this.pool = namedStatementPool(dataSource);
  }

  async suggest(q: string, limit: number): Promise<{ q: string; suggestions: Suggestion[] }> {
    const typed = words(q);
    if (typed.length === 0) return { q, suggestions: [] };
    const last = typed.at(-1)!;
    const before = typed.slice(0, -1).join(' ');
    const phrase = typed.join(' ');
    const { rows } = await this.pool.query<{
      kind: SuggestionKind;
      text: string;
      ref: string | null;
      corrected: boolean;
    }>({
      name: 'catalog_suggest',
      text: SUGGEST_SQL,
      values: [phrase, last, limit * 3, limit],
    });
    const seen = new Set<string>();
    const suggestions: Suggestion[] = [];
    rows.sort((a, b) => Number(a.corrected) - Number(b.corrected) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
    for (const row of rows) {
      const text = row.kind === 'term' && before ? `${before} ${row.text}` : row.text;
      const key = text.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      suggestions.push({
        text,
        kind: row.kind,
        ...(row.kind === 'category' && row.ref ? { categoryId: row.ref } : {}),
        corrected: row.corrected,
      });
      if (suggestions.length === limit) break;
    }
    return { q, suggestions };
  }
}
