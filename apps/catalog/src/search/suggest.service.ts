import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { words } from './search-terms';
import { closestTermSql } from './typos';

export type SuggestionKind = 'category' | 'brand' | 'term';

export interface Suggestion {
  text: string;
  kind: SuggestionKind;
  categoryId?: string;
  /** True when the suggestion corrects a typo rather than completing what was typed. */
  corrected: boolean;
}

const KIND_ORDER: Record<SuggestionKind, number> = { category: 0, brand: 1, term: 2 };

/**
 * Suggestions as a shopper types: categories and brands whose name starts with what was typed, and the
 * words of listed titles that complete the last word ("wireless head" → "wireless headphones"). When
 * nothing starts that way, the closest word, brand or category by trigram or edit distance ("hedph",
 * "sonroa"). Every lookup reads a small table (a row per word, brand or category), never products.
 */
@Injectable()
export class SuggestService {
  constructor(private readonly dataSource: DataSource) {}

  async suggest(q: string, limit: number): Promise<{ q: string; suggestions: Suggestion[] }> {
    const typed = words(q);
    if (typed.length === 0) return { q, suggestions: [] };
    const last = typed.at(-1)!;
    const before = typed.slice(0, -1).join(' ');
    const phrase = typed.join(' ');
    const rows: { kind: SuggestionKind; text: string; ref: string | null; corrected: boolean }[] =
      await this.dataSource.query(
        `(SELECT kind, phrase AS text, ref, false AS corrected FROM search_suggestions
        WHERE lower(phrase) LIKE $1 || '%' ORDER BY length(phrase), phrase LIMIT $4)
       UNION ALL
       (SELECT 'term', term, NULL, false FROM search_terms WHERE term LIKE $2 || '%' ORDER BY length(term), term LIMIT $4)
       UNION ALL
       (SELECT kind, phrase, ref, true FROM search_suggestions
        WHERE lower(phrase) % $1 AND NOT lower(phrase) LIKE $1 || '%' ORDER BY similarity(lower(phrase), $1) DESC, phrase LIMIT 3)
       UNION ALL
       (SELECT 'term', t.correction, NULL, true FROM (SELECT ${closestTermSql('$2::text')} AS correction) t
        WHERE t.correction IS NOT NULL AND NOT t.correction LIKE $2 || '%'
          AND NOT EXISTS (SELECT 1 FROM search_terms WHERE term LIKE $2 || '%'))
       LIMIT $3`,
        [phrase, last, limit * 3, limit],
      );
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
