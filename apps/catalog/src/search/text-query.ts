import { words } from './search-terms';

/** At most this many words count; the rest of a pasted paragraph is ignored. */
export const MAX_QUERY_WORDS = 8;

export function queryWords(q: string | undefined): string[] {
  return [...new Set(words(q ?? ''))].slice(0, MAX_QUERY_WORDS);
}

/**
 * A to_tsquery expression: every word must match, each as typed (a prefix, for words of 3+ letters, so
 * "headph" finds "headphones") or as its dictionary correction ("hedphones" → "headphones").
 * Words are letters and digits only (see words()), so nothing in them is tsquery syntax.
 */
export function tsQueryExpression(tokens: string[], corrections: Map<string, string>): string {
  return tokens
    .map((token) => {
      const alternatives = new Set([token.length >= 3 ? `${token}:*` : token]);
      const correction = corrections.get(token);
      if (correction && correction !== token) alternatives.add(correction);
      return `(${[...alternatives].join(' | ')})`;
    })
    .join(' & ');
}
