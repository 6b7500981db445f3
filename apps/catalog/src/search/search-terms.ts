/**
 * Words as search sees them: lower-case runs of letters and digits. The same tokenizer feeds the typo
 * dictionary (from listed titles and brands) and splits queries, so the two always agree.
 */
export function words(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).filter((word) => word.length <= 40);
}

/** Dictionary entries: words long enough for a trigram match to mean something. */
export function dictionaryTerms(...texts: (string | null | undefined)[]): string[] {
  return [
    ...new Set(texts.flatMap((text) => words(text ?? '')).filter((word) => word.length >= 3 && !/^\d+$/.test(word))),
  ];
}
