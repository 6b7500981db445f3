/**
 * The SKU format of the whole platform, defined once: catalog creates SKUs in it, and inventory,
 * orders, logistics and customer-service accept and publish them. A SKU valid in one service must be
 * valid in every other, so the HTTP decorator (`IsSku` in libs/platform), the event contracts and any
 * service-side check all read it from here.
 */
export const SKU_PATTERN = /^[A-Za-z0-9._-]+$/;
export const SKU_MAX_LENGTH = 64;

/** Whether a value is a SKU in the platform's format (for checks outside class-validator, such as a path parameter). */
export function isSku(value: string): boolean {
  return value.length > 0 && value.length <= SKU_MAX_LENGTH && SKU_PATTERN.test(value);
}
