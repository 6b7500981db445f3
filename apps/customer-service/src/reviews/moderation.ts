/**
 * The moderation rule: a review whose text contains a listed word (whole word, any case) waits for ops;
 * everything else is published at once. Pure, so the list's behaviour is unit-tested.
 */
export function moderationWords(list: string): string[] {
  return [
    ...new Set(
      list
        .split(',')
        .map((word) => word.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

export function flaggedWords(text: string, words: readonly string[]): string[] {
  const found = new Set(text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? []);
  return words.filter((word) => found.has(word));
}

/** A rating this low opens a complaint ticket, so an agent follows up. */
export const LOW_RATING = 2;
