/**
 * Points arithmetic, pure. One point pays one minor unit of the order's currency. Points are earned per
 * currency unit (100 minor units) paid, times the tier multiplier (hundredths), rounded down: the member
 * never gets a fraction, and reversals computed the same way never take back more than was given.
 */
export function earnedPoints(amountMinor: number, pointsPerCurrencyUnit: number, multiplierPercent: number): number {
  if (amountMinor <= 0) return 0;
  // Integer arithmetic: amount × rate × multiplier stays far below 2^53 for any order total (< 10^10 minor units).
  return Math.floor((amountMinor * pointsPerCurrencyUnit * multiplierPercent) / 10_000);
}

export interface EarnRecord {
  /** Points earned on the order. */
  points: number;
  /** The minor units they were earned on. */
  earnedOn: number;
  /** Already taken back by earlier refunds of the order. */
  reversed: number;
}

/**
 * Earned points a refund takes back: the refunded amount's share of what the order earned, rounded down,
 * and the whole rest when the order is now fully refunded (so several partial refunds add up exactly).
 * Never more than is left to reverse.
 */
export function pointsToReverse(earn: EarnRecord, refundedAmount: number, fullyRefunded: boolean): number {
  const left = Math.max(0, earn.points - earn.reversed);
  if (fullyRefunded) return left;
  if (earn.earnedOn <= 0) return 0;
  return Math.min(left, Math.floor((earn.points * refundedAmount) / earn.earnedOn));
}

/** The balance never goes negative: what was already spent cannot be taken back, and is reported as such. */
export function splitReversal(due: number, balance: number): { taken: number; unrecovered: number } {
  const taken = Math.min(due, Math.max(0, balance));
  return { taken, unrecovered: due - taken };
}

export interface Lot {
  id: string;
  /** Points the lot brought (an earn, a grant, a credit). */
  points: number;
  earnedAt: Date;
  expiresAt: Date;
}

/**
 * Which points expire now. Every debit (holds net of releases, redemptions, reversals, earlier expiries)
 * is taken from the oldest lots first (FIFO), so what is consumed in total is `sum(lots) - balance`; the
 * unconsumed rest of a lot whose expiry has passed expires. Earlier expiries are debits too, so running
 * this again after recording them finds nothing more: the rule is idempotent.
 *
 * Returns the points each expired lot gives up, oldest first, only for lots with something left.
 */
export function expiringPoints(lots: Lot[], balance: number, now: Date): { lotId: string; points: number }[] {
  // Oldest first means first to expire: an order completed late (its event delayed) earns a lot dated by
  // its completion, which may expire before a lot recorded earlier.
  const ordered = [...lots].sort(
    (a, b) =>
      a.expiresAt.getTime() - b.expiresAt.getTime() ||
      a.earnedAt.getTime() - b.earnedAt.getTime() ||
      a.id.localeCompare(b.id),
  );
  const total = ordered.reduce((sum, lot) => sum + lot.points, 0);
  let consumed = Math.max(0, total - balance);
  const expiring: { lotId: string; points: number }[] = [];
  for (const lot of ordered) {
    const taken = Math.min(lot.points, consumed);
    consumed -= taken;
    const left = lot.points - taken;
    if (left > 0 && lot.expiresAt.getTime() <= now.getTime()) expiring.push({ lotId: lot.id, points: left });
  }
  return expiring;
}

/** This year's birthday date (29 February falls on 28 February in other years), `YYYY-MM-DD`. */
export function birthdayIn(year: number, birthday: string): string {
  const [, month, day] = birthday.split('-').map(Number);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const actualDay = month === 2 && day === 29 && !leap ? 28 : day;
  return `${year}-${String(month).padStart(2, '0')}-${String(actualDay).padStart(2, '0')}`;
}
