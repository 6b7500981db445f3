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
 * A to_tsquery expression: every word must match, each as typed (a prefix, for words of 3+ letters, so
 * "headph" finds "headphones"), as its dictionary correction ("hedphones" → "headphones") or as one of
 * its synonyms ("tee" → "shirt"; a synonym of several words needs all of them).
 * Words are letters and digits only (see words()), so nothing in them is tsquery syntax.
 */
export function tsQueryExpression(
  tokens: string[],
  corrections: Map<string, string>,
  synonyms: Map<string, string[]> = new Map(),
): string {
  return tokens
    .map((token) => {
      const alternatives = new Set([token.length >= 3 ? `${token}:*` : token]);
      const correction = corrections.get(token);
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
