/**
 * `column` starts with `prefix` (both SQL text expressions), written as a range that a `text_pattern_ops`
 * btree serves even when the prefix is a parameter of a prepared statement: `LIKE $1 || '%'` can use the
 * index only when the value is known while planning, so its generic plan reads the whole table. Exact: a
 * string at or above the prefix and below the prefix followed by the highest code point starts with it.
 */
export function startsWithSql(column: string, prefix: string): string {
  return `(${column} ~>=~ ${prefix} AND ${column} ~<~ (${prefix} || chr(1114111)))`;
}

/**
 * SQL for the dictionary word closest to `token` (a text expression): first by trigram similarity (`%`,
 * one wrong, missing or extra letter in a long word), then, for words of four letters or more that no
 * trigram matched, by edit distance (two for five letters or more, else one) among words with the same first letter and a similar
 * length (a transposition, "sonroa", "lmap": trigrams share too little in short words). The btree on
 * `search_terms (term text_pattern_ops)` serves the first-letter range, so the distance is computed for a
 * small slice of the dictionary, not all of it.
 */
export function closestTermSql(token: string): string {
  return `coalesce(
    (SELECT s.term FROM search_terms s WHERE s.term % ${token} ORDER BY similarity(s.term, ${token}) DESC, s.term LIMIT 1),
    (SELECT s.term FROM search_terms s
     WHERE length(${token}) >= 4 AND ${startsWithSql('s.term', `left(${token}, 1)`)}
       AND length(s.term) BETWEEN length(${token}) - 2 AND length(${token}) + 2
       AND levenshtein_less_equal(s.term, ${token}, 2) <= CASE WHEN length(${token}) >= 5 THEN 2 ELSE 1 END
     ORDER BY levenshtein_less_equal(s.term, ${token}, 2), s.term LIMIT 1))`;
}
