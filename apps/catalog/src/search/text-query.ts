import { words } from './search-terms';

/** At most this many words count; the rest of a pasted paragraph is ignored. */
export const MAX_QUERY_WORDS = 8;

/**
 * The query's words, without the catalogue's extra stop words (unless the query is nothing else: "the the"
 * as a band name still searches).
 */
export function queryWords(q: string | undefined, stopWords: readonly string[] = []): string[] {
  const all = [...new Set(words(q ?? ''))];
  const kept = all.filter((word) => !stopWords.includes(word));
  return (kept.length > 0 ? kept : all).slice(0, MAX_QUERY_WORDS);
}

/**
 * A to_tsquery expression: every word must match, each as typed, as its dictionary correction ("hedphones"
 * → "headphones") or as one of its synonyms ("tee" → "shirt"; a synonym of several words needs all of
 * them). A word of the dictionary (its correction is itself) matches as a word, through its stem:
 * "lamps" finds lamp and lamps. Any other word of 3+ letters matches as a prefix too, so "headph" finds
 * "headphones". Why not every word as a prefix: a prefix merges the postings of every word it starts,
 * which made a broad word cost half as much again at a million products (catalog README, "Why RUM").
 * Words are letters and digits only (see words()), so nothing in them is tsquery syntax.
 */
export function tsQueryExpression(
  tokens: string[],
  corrections: Map<string, string>,
  synonyms: Map<string, string[]> = new Map(),
): string {
  return tokens
    .map((token) => {
      const correction = corrections.get(token);
      const asPrefix = token.length >= 3 && correction !== token;
      const alternatives = new Set([asPrefix ? `${token}:*` : token]);
      if (correction && correction !== token) alternatives.add(correction);
      for (const word of [token, correction]) {
        for (const synonym of (word && synonyms.get(word)) || []) {
          const parts = words(synonym);
          if (parts.length > 0) alternatives.add(parts.length === 1 ? parts[0] : `(${parts.join(' & ')})`);
        }
      }
      return `(${[...alternatives].join(' | ')})`;
    })
    .join(' & ');
}
