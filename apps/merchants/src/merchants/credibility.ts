/**
 * The credibility score: 100 minus four capped penalties, each a smoothed rate so that one complaint
 * against a new merchant does not sink it. Documented (with the reasoning) in apps/merchants/README.md.
 */
export interface CredibilityInputs {
  windowDays: number;
  completedOrders: number;
  complaints: number;
  lateShipments: number;
  returns: number;
  reviews: number;
  /** Mean rating 1-5, 0 when there are no reviews. */
  averageRating: number;
}

/** Orders a merchant is assumed to have had before its first: damps rates while volumes are small. */
export const PRIOR_ORDERS = 20;
/** Reviews assumed at PRIOR_RATING before the first real one (a Bayesian average). */
export const PRIOR_REVIEWS = 5;
export const PRIOR_RATING = 4.5;

export const WEIGHTS = {
  complaints: { points: 30, rateAtFullPenalty: 0.1 },
  lateShipments: { points: 25, rateAtFullPenalty: 0.2 },
  returns: { points: 20, rateAtFullPenalty: 0.15 },
  rating: { points: 25, ratingWithoutPenalty: 4.5, ratingAtFullPenalty: 1 },
} as const;

export interface CredibilityBreakdown {
  score: number;
  penalties: { complaints: number; lateShipments: number; returns: number; rating: number };
}

export function credibility(inputs: CredibilityInputs): CredibilityBreakdown {
  const orders = inputs.completedOrders + PRIOR_ORDERS;
  const ratePenalty = (count: number, weight: { points: number; rateAtFullPenalty: number }) =>
    weight.points * Math.min(1, count / orders / weight.rateAtFullPenalty);
  const bayesianRating =
    (inputs.averageRating * inputs.reviews + PRIOR_RATING * PRIOR_REVIEWS) / (inputs.reviews + PRIOR_REVIEWS);
  const { rating } = WEIGHTS;
  const ratingShortfall = Math.min(
    1,
    Math.max(
      0,
      (rating.ratingWithoutPenalty - bayesianRating) / (rating.ratingWithoutPenalty - rating.ratingAtFullPenalty),
    ),
  );
  const penalties = {
    complaints: round1(ratePenalty(inputs.complaints, WEIGHTS.complaints)),
    lateShipments: round1(ratePenalty(inputs.lateShipments, WEIGHTS.lateShipments)),
    returns: round1(ratePenalty(inputs.returns, WEIGHTS.returns)),
    rating: round1(rating.points * ratingShortfall),
  };
  const total = penalties.complaints + penalties.lateShipments + penalties.returns + penalties.rating;
  return { score: Math.max(0, Math.min(100, Math.round(100 - total))), penalties };
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
