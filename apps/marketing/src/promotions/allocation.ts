/**
 * Shares `amount` out over `weights` in proportion, in integer minor units, so the shares sum to exactly
 * `amount` (largest remainder: everyone gets the floor of their exact share, the units left over go to the
 * largest fractional parts, ties to the earlier line). Refunds give back a line's share, so the split must be
 * exact and the same every time for the same input.
 *
 * BigInt because amount x weight can pass 2^53 for large carts (1e7 minor units x 1e7).
 */
export function allocate(amount: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(amount) || amount < 0)
    throw new RangeError(`amount must be a non-negative integer, got ${amount}`);
  if (weights.some((weight) => !Number.isSafeInteger(weight) || weight < 0))
    throw new RangeError('weights must be non-negative integers');
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (amount === 0) return weights.map(() => 0);
  if (total === 0) throw new RangeError('cannot share an amount over zero weights');
  if (amount > total) throw new RangeError(`cannot share ${amount} over weights that sum to ${total}`);
  const bigAmount = BigInt(amount);
  const bigTotal = BigInt(total);
  const shares = weights.map((weight) => Number((bigAmount * BigInt(weight)) / bigTotal));
  const remainders = weights.map((weight, index) => ({ index, remainder: (bigAmount * BigInt(weight)) % bigTotal }));
  let left = amount - shares.reduce((sum, share) => sum + share, 0);
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  // left < number of weights with a non-zero remainder, and a share with a remainder is below its weight,
  // so no share ever exceeds its weight.
  for (const { index } of remainders) {
    if (left === 0) break;
    shares[index] += 1;
    left -= 1;
  }
  return shares;
}

/** `amount * percent / 100`, rounded down: a discount never gives away the fraction of a minor unit. */
export function percentOf(amount: number, percent: number): number {
  return Number((BigInt(amount) * BigInt(Math.round(percent * 100))) / 10_000n);
}
