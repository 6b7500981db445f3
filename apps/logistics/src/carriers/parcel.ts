/** One line of a parcel: units of a SKU with the weight and box size of one unit. */
export interface ParcelItem {
  quantity: number;
  weightGrams: number;
  /** Absent when the SKU's dimensions are unknown: it then adds no volumetric weight. */
  dimensionsMm?: { lengthMm: number; widthMm: number; heightMm: number };
}

export interface ParcelMeasure {
  actualGrams: number;
  /** Sum of the units' boxes, mm3 (units are assumed packed without void: no packing optimisation). */
  volumeMm3: number;
}

export function measureParcel(items: ParcelItem[]): ParcelMeasure {
  let actualGrams = 0;
  let volumeMm3 = 0;
  for (const item of items) {
    actualGrams += item.quantity * item.weightGrams;
    const d = item.dimensionsMm;
    if (d) volumeMm3 += item.quantity * d.lengthMm * d.widthMm * d.heightMm;
  }
  return { actualGrams, volumeMm3 };
}

/**
 * Volumetric weight in grams. Carriers state the divisor in cm3 per kg (5000 is common): kg = cm3 / divisor,
 * so grams = (mm3 / 1000) / divisor * 1000 = mm3 / divisor. Rounded up to the gram, as carriers round up.
 */
export function volumetricGrams(volumeMm3: number, divisor: number): number {
  if (!(divisor > 0)) throw new RangeError('volumetric divisor must be positive');
  return Math.ceil(volumeMm3 / divisor);
}

/** What the carrier bills: the heavier of the actual and the volumetric weight. */
export function chargeableGrams(parcel: ParcelMeasure, divisor: number): number {
  return Math.max(parcel.actualGrams, volumetricGrams(parcel.volumeMm3, divisor));
}
