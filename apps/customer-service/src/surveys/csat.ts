/** CSAT: the share of answers that are 4 or 5 out of 5, and the mean; rounded to 4 and 2 decimals. */
export function csatOf(scores: readonly number[]): { responses: number; csat: number; averageScore: number } {
  if (scores.length === 0) return { responses: 0, csat: 0, averageScore: 0 };
  const satisfied = scores.filter((score) => score >= 4).length;
  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  return {
    responses: scores.length,
    csat: Math.round((satisfied / scores.length) * 10_000) / 10_000,
    averageScore: Math.round(mean * 100) / 100,
  };
}
