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
 * them). A word matches through its stem ("lamps" finds lamp and lamps), and a word of 3+ letters that is
 * still being typed matches as a prefix too: one no dictionary word is close to, or whose closest word
 * starts with it ("headph" → headphones). A dictionary word, or a misspelt one ("kette" → kettle), does
 * not: a prefix merges the postings of every word it starts ("kett:*" read 215,000 at a million products,
 * 240 ms, for the same results as "kettle", 60 ms; see the catalog README, "Why RUM").
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
      const stillTyping = correction === undefined || (correction !== token && correction.startsWith(token));
      const asPrefix = token.length >= 3 && stillTyping;
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
